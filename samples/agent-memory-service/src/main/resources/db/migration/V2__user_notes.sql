-- Notes of the app's signed-in users: each reads and writes only their own rows, under
-- their own Postgres role (lakebase.users.enabled, @AsUser), whatever the app asks for.
CREATE TABLE app.user_note (
	id BIGSERIAL PRIMARY KEY,
	owner TEXT NOT NULL DEFAULT current_user,
	body TEXT NOT NULL,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);

ALTER TABLE app.user_note ENABLE ROW LEVEL SECURITY;

CREATE POLICY user_note_owner ON app.user_note
	USING (owner = current_user)
	WITH CHECK (owner = current_user);

GRANT USAGE ON SCHEMA app TO PUBLIC;
GRANT SELECT, INSERT ON app.user_note TO PUBLIC;
GRANT USAGE ON SEQUENCE app.user_note_id_seq TO PUBLIC;
