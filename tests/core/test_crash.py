"""Kill a writer with SIGKILL at random moments: the studio stays intact and keeps every commit."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys

import pytest

from studio.domain.models import Client
from studio.services.check import check
from studio.store import Studio

WRITER = r"""
import sys
from studio.store import Studio
from studio.services import clients
s = Studio.open(sys.argv[1])
if s.advisor_id is None:
    clients.setup_local_advisor(s, "Crash Tester")
run = sys.argv[2]
print("ready", flush=True)
i = 0
while True:
    i += 1
    with s.transaction() as tx:
        c = clients.create_client(s, f"Client {run}-{i} 王{i}", tags=["crash"],
            contacts=[{"kind": "email", "value": f"c{run}.{i}@example.com"}])
        clients.log_interaction(s, c.id, "call", "Checked the itinerary " * 20)
        if i % 3 == 0:
            clients.update_client(s, c.id, stage="active", notes="x" * 2000)
    print(c.id, flush=True)
"""

ROUNDS = 12


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")
def test_sigkill_never_loses_a_commit_or_corrupts(data_dir):
    rng = random.Random(20261122)
    committed: list[str] = []
    for run in range(ROUNDS):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(data_dir), str(run)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
        for _ in range(rng.randint(1, 25)):  # let it commit a random number of times, then kill
            committed.append(proc.stdout.readline().strip())
        proc.send_signal(signal.SIGKILL)
        rest, _ = proc.communicate()
        committed.extend(line.strip() for line in rest.splitlines() if line.strip())
    committed = [c for c in committed if c]
    assert len(committed) >= ROUNDS
    with Studio.open(data_dir) as s:
        report = check(s)
        assert report.ok, report.problems
        with s.read() as conn:
            present = {r[0] for r in conn.exec_driver_sql("SELECT id FROM client")}
        assert set(committed) <= present
        # nothing half-written: every client has its person, contact and call
        with s.read() as conn:
            incomplete = conn.exec_driver_sql(
                "SELECT count(*) FROM client c WHERE NOT EXISTS (SELECT 1 FROM interaction i WHERE i.client_id = c.id) "
                "OR NOT EXISTS (SELECT 1 FROM contact_point k WHERE k.client_id = c.id)"
            ).scalar()
        assert incomplete == 0
        assert s.count(Client) == len(present)
