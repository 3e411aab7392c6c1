"""Loaded by every Python subprocess the tests start: any network connection fails loudly."""

import socket


def _refuse(*args, **kwargs):
    raise OSError("network access is disabled in workjournal's tests")


socket.socket.connect = _refuse  # type: ignore[method-assign]
socket.socket.connect_ex = _refuse  # type: ignore[method-assign]
socket.create_connection = _refuse  # type: ignore[assignment]
socket.getaddrinfo = _refuse  # type: ignore[assignment]
