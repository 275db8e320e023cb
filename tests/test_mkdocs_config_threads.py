"""Two threads loading MkDocs' config at once (a build does: MkDocs in the main thread, search
records beside it) each get their own plugins, with the generator's hooks in them once.

MkDocs' shared ``plugins`` option once made both configs share one collection holding every
hook twice; a page's raw HTML was then set aside twice and its placeholders were published."""

from __future__ import annotations

import threading
import time

from mkdocs.config import config_options

from generator.engines.mkdocs_config import load_config
from generator.engines.mkdocs_runner import HOOKS


def test_configs_loaded_in_two_threads_at_once_have_their_own_plugins_with_each_hook_once(tmp_path, monkeypatch):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(f"site_name: x\ntheme: {{name: material}}\nplugins: [search]\nhooks: ['{HOOKS}']\n", encoding="utf-8")
    load_plugin = config_options.Plugins.load_plugin_with_namespace

    def slow_load_plugin(self, name, config):  # widens the window in which the two loads would overlap
        time.sleep(0.05)
        return load_plugin(self, name, config)

    monkeypatch.setattr(config_options.Plugins, "load_plugin_with_namespace", slow_load_plugin)
    configs = []
    start = threading.Barrier(2)

    def load() -> None:
        start.wait()
        configs.append(load_config(config_file=str(config_file), strict=False))

    threads = [threading.Thread(target=load) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(configs) == 2 and configs[0].plugins is not configs[1].plugins
    for config in configs:
        hooks = [event for event in config.plugins.events["page_markdown"] if event.__module__ == str(HOOKS)]
        assert len(hooks) == 1
        assert list(config.plugins) == ["material/search", str(HOOKS)]
