"""The consultant's JupyterLab: the interview-coding widget and the explorer."""
