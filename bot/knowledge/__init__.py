"""The incident knowledge base: YAML files validated and loaded into SQL through SQLAlchemy."""
