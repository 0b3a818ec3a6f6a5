#!/usr/bin/env sh
# Print the path of a Python 3.8-3.10 interpreter (rasa 3.6 supports no other), or fail clearly.
# Looks at $PYTHON, then python3.10/3.9/3.8 on PATH, then pyenv's versions folder.
for candidate in "${PYTHON:-}" python3.10 python3.9 python3.8 \
    "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.10*/bin/python3.10 \
    "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.9*/bin/python3.9 \
    "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.8*/bin/python3.8 \
    /usr/bin/python3.10 /usr/local/bin/python3.10; do
  [ -n "$candidate" ] || continue
  if "$candidate" -c 'import sys; sys.exit(0 if (3, 8) <= sys.version_info[:2] <= (3, 10) else 1)' \
      >/dev/null 2>&1; then
    "$candidate" -c 'import sys; print(sys.executable)'
    exit 0
  fi
done
echo "error: no Python 3.8, 3.9 or 3.10 found. Rasa 3.6 runs only on those versions." >&2
echo "Install one (e.g. 'apt-get install python3.10' or 'pyenv install 3.10') or set PYTHON=/path/to/python3.10." >&2
exit 1
