// Configured JVM options replace the defaults; env entries carry a value or a resource key.
def yaml = new File(basedir, 'target/databricks-app/app.yaml').text
assert yaml.contains("""  - '-XX:MaxRAMPercentage=60'
  - '-XX:+ExitOnOutOfMemoryError'
  - '-Duser.timezone=UTC'
  - '-jar'
  - 'app.jar'
env:
  - name: 'LAKEBASE_ENDPOINT'
    valueFrom: 'postgres'
  - name: 'SPRING_PROFILES_ACTIVE'
    value: 'apps'
""")
assert !yaml.contains('MaxRAMPercentage=75')
return true
