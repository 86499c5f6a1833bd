"""CI's dependency audit: known vulnerabilities in the installed dependencies (pip-audit, PyPI's
advisories, then OSV's).

- A known vulnerability fails CI, naming the package, the advisory and the versions that fix it.
- No advisory service reachable (no network, a timeout) or pip-audit missing: one warning line, never a
  failure, so CI never depends on the network being there.
- IGNORED holds advisories accepted on purpose, each with its reason (none today).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

IGNORED: dict[str, str] = {}
TIMEOUT = 180


def run(service: str) -> list[dict] | None:
    """The audited dependencies (None when the service could not be asked)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "audit.json"
        command = [sys.executable, "-m", "pip_audit", "--skip-editable", "--progress-spinner", "off",
                   "--vulnerability-service", service, "--format", "json", "--output", str(out)]
        for advisory in IGNORED:
            command += ["--ignore-vuln", advisory]
        try:
            subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            return None
        try:
            data = json.loads(out.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
    audited = [d for d in data.get("dependencies", []) if "skip_reason" not in d]
    return audited or None


def main() -> int:
    try:
        import pip_audit  # noqa: F401
    except ImportError:
        print("audit: warning: pip-audit is not installed; dependency audit skipped.")
        return 0
    for service in ("pypi", "osv"):
        audited = run(service)
        if audited is None:
            continue
        vulnerable = [d for d in audited if d.get("vulns")]
        for d in vulnerable:
            for v in d["vulns"]:
                fixed = ", ".join(v.get("fix_versions") or []) or "no fixed version yet"
                print(f"audit: {d['name']} {d['version']}: {v['id']} (fixed in {fixed})")
        if vulnerable:
            print(f"audit: {len(vulnerable)} installed dependencies have known vulnerabilities; upgrade them "
                  "(or add the advisory to IGNORED in .ci/audit.py with the reason).")
            return 1
        print(f"audit: {len(audited)} dependencies checked against {service} advisories: no known vulnerabilities.")
        return 0
    print("audit: warning: no advisory service was reachable (offline?); dependency audit skipped.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
