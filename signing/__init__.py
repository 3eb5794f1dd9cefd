"""Signed hearing records and the dossier package.

ca (court CA) · keystore (staff keys at rest) · record_pdf (the 庭审笔录 PDF) ·
pades (PAdES signatures, server-held and browser-held keys) · verify (pyHanko and
pdfsig checks) · chain (hash chains) · transcript_export · package (dossier package)
· cli (`courtroom verify`).
"""

from signing import asn1_lengths as _asn1_lengths

# asn1crypto took a definite length ending in 0x80 for BER's indefinite one and re-encoded
# time-stamped signatures exponentially (10-70 s each): see signing/asn1_lengths.py.
_asn1_lengths.install()
