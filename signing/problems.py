"""A verification problem: a stable code for programs, and its reason in Chinese and English."""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True)
class Problem:
    code: str  # e.g. "signature_broken", "file_hash_mismatch", "chain_broken"
    zh: str
    en: str
    where: str = ""  # field name, file path, chain entry...

    def __str__(self) -> str:
        place = f" [{self.where}]" if self.where else ""
        return f"{self.code}{place}: {self.zh} / {self.en}"
