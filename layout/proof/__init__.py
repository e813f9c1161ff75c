"""Proofing for editors (校样): proof sheets with margin notes, the proof page, what
changed between two proofs, and a watcher that re-proofs as the copy changes.

No ReportLab here: sheets are drawn by layout/render/proof.py. Public entry points:
`proof` (a proof set into a folder), `compare` / `load_proof` (two proofs), `watch`.
"""

from layout.proof.build import ROUNDS, ProofOptions, ProofResult, ProofState, proof
from layout.proof.diff import Comparison, compare, load_proof

__all__ = ["ROUNDS", "Comparison", "ProofOptions", "ProofResult", "ProofState", "compare", "load_proof", "proof"]
