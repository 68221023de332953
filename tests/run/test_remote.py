"""Rendering on a cluster's workers that share no folder with the consultant's machine."""

from __future__ import annotations

from pathlib import Path

import pytest

from cxlib.run import remote


def test_a_folder_packed_unpacks_the_same(tmp_path: Path) -> None:
    source = tmp_path / "a"
    (source / "transcripts").mkdir(parents=True)
    (source / "client.yaml").write_text("client: Acme\n", encoding="utf-8")
    (source / "transcripts" / "I01.txt").write_text("Bonjour", encoding="utf-8")
    remote._unpack(remote.pack(source), tmp_path / "b")
    assert sorted(str(p.relative_to(tmp_path / "b")) for p in (tmp_path / "b").rglob("*")) \
        == ["client.yaml", "transcripts", "transcripts/I01.txt"]
    assert (tmp_path / "b" / "transcripts" / "I01.txt").read_text(encoding="utf-8") == "Bonjour"


def test_a_failed_run_elsewhere_publishes_nothing_here(make_client) -> None:
    make_client("acme", "en")
    result = remote.receive("acme", {"ok": False, "run_id": "", "error": "It broke."}, None)
    assert not result.ok and result.error.startswith("It broke.")
    assert not (Path(result.index or "/nonexistent")).exists()


@pytest.mark.slow
def test_workers_without_the_client_folder_render_and_the_run_is_published_here(
        make_client, cx_home: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    distributed = pytest.importorskip("distributed")
    from cxlib.run.runner import run_clients

    make_client("acme", "en")
    make_client("beta", "fr")
    elsewhere = tmp_path_factory.mktemp("worker-home")  # no data/, no reports/
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, env={"CX_HOME": str(elsewhere)},
                                  local_directory=str(elsewhere)) as cluster, \
            distributed.Client(cluster) as client:
        assert client.run(lambda: __import__("os").environ["CX_HOME"]) == {
            w: str(elsewhere) for w in client.scheduler_info()["workers"]}
        results = run_clients(["acme", "beta"], ["00_overview"],
                              executor=client.get_executor())
    assert [r.ok for r in results] == [True, True], [r.error for r in results]
    for result in results:
        assert result.index == cx_home / "reports" / result.client / result.run_id / \
            "index.html"
        assert result.index.is_file() and (result.index.parent / "00_overview.html").is_file()
    assert not (elsewhere / "data").exists() and not (elsewhere / "reports").exists()
