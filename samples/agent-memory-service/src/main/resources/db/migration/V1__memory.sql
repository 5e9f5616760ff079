CREATE TABLE app.session (
	id UUID PRIMARY KEY,
	agent VARCHAR(100) NOT NULL,
	title VARCHAR(200),
	created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE app.message (
	id BIGSERIAL PRIMARY KEY,
	session_id UUID NOT NULL REFERENCES app.session (id),
	role VARCHAR(16) NOT NULL CHECK (role IN ('SYSTEM', 'USER', 'ASSISTANT', 'TOOL')),
	content TEXT NOT NULL,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX message_session ON app.message (session_id, id);

CREATE TABLE app.tool_result (
	id BIGSERIAL PRIMARY KEY,
	session_id UUID NOT NULL REFERENCES app.session (id),
	tool_name VARCHAR(100) NOT NULL,
	call_id VARCHAR(100) NOT NULL,
	output TEXT NOT NULL,
	succeeded BOOLEAN NOT NULL,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX tool_result_session ON app.tool_result (session_id, id);
