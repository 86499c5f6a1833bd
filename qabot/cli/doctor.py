"""`qabot doctor`: check settings, model, index integrity and Slack settings; say how to fix each problem."""

from __future__ import annotations

import click

from .base import index_option


@click.command()
@index_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def doctor(index, fmt):
    """Check everything qabot depends on; exit non-zero on any problem (warnings do not count).

    Nothing is changed but the record of the checksums verified (.verified), which spares the next
    question a full read."""
    import json

    from ..doctor import diagnose

    findings = diagnose(index)
    if fmt == "json":
        click.echo(json.dumps({"ok": all(f.ok for f in findings), "findings": [f.to_json() for f in findings]},
                              ensure_ascii=False, indent=2))
    else:
        for f in findings:
            click.echo(f"{('WARN' if f.warning else 'ok  ') if f.ok else 'FAIL'}  {f.topic}: {f.message}")
            if f.fix:
                click.echo(f"      fix: {f.fix}")
        bad = sum(not f.ok for f in findings)
        warned = sum(f.warning for f in findings)
        click.echo(("No problems found." if not bad else f"{bad} problem{'s' if bad > 1 else ''} found.")
                   + (f" {warned} warning{'s' if warned > 1 else ''}." if warned else ""))
    if not all(f.ok for f in findings):
        raise SystemExit(1)
