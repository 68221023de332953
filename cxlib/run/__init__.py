"""Running: the runner (preflight, kernel, papermill, publish, batches) and the ``cx`` CLI."""
