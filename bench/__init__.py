"""Benchmarks of Threadline at scale: a data generator (``synth``) and a harness (``run``)."""
