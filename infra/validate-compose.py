#!/usr/bin/env python3
"""Checks a compose file without Docker: YAML (merge keys included), `${VAR:-default}`
interpolation as compose does it, then the Compose Specification's JSON schema, plus the
cross-references `config -q` also checks (secrets, volumes, depends_on targets).

    python3 infra/validate-compose.py infra/docker-compose.production.yml path/to/compose-spec.json

The schema is schema/compose-spec.json of github.com/compose-spec/compose-spec."""
import json, os, re, sys
import jsonschema, yaml

def interpolate(value):
    if isinstance(value, str):
        def sub(m):
            name, op, default = m.group(1), m.group(2), m.group(3) or ''
            v = os.environ.get(name)
            if op in (':-',) and not v: return default
            if op == '-' and v is None: return default
            return v or ''
        return re.sub(r'\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?\}', sub, value.replace('$$', '\0')).replace('\0', '$')
    if isinstance(value, list): return [interpolate(v) for v in value]
    if isinstance(value, dict): return {k: interpolate(v) for k, v in value.items()}
    return value

compose_path, schema_path = sys.argv[1], sys.argv[2]
doc = interpolate(yaml.safe_load(open(compose_path)))
jsonschema.validate(doc, json.load(open(schema_path)))
errors = []
services = doc.get('services', {})
for name, svc in services.items():
    for s in svc.get('secrets', []):
        if (s if isinstance(s, str) else s['source']) not in doc.get('secrets', {}): errors.append(f'{name}: unknown secret {s}')
    for v in svc.get('volumes', []):
        src = v.split(':')[0] if isinstance(v, str) else v.get('source', '')
        if src and not src.startswith(('.', '/', '~')) and src not in doc.get('volumes', {}): errors.append(f'{name}: unknown volume {src}')
    deps = svc.get('depends_on', {})
    for d in (deps if isinstance(deps, list) else deps.keys()):
        if d not in services: errors.append(f'{name}: depends on unknown service {d}')
if errors:
    sys.exit('\n'.join(errors))
print(f'{compose_path}: valid against the Compose Specification schema ({len(services)} services)')
