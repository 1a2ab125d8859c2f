"""Console entry points: workstation, workstation-admin, workstation-sim, workstation-central."""
