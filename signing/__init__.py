"""Signed hearing records and the dossier package.

ca (court CA) · keystore (staff keys at rest) · record_pdf (the 庭审笔录 PDF) ·
pades (PAdES signatures, server-held and browser-held keys) · verify (pyHanko and
pdfsig checks) · chain (hash chains) · transcript_export · package (dossier package)
· cli (`courtroom verify`).
"""
