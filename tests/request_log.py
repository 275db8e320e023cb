"""What a browser page asked the server for: every request, its status, and what failed, for
the tests that hold that a page view makes no needless request and meets no 404."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass
class RequestLog:
    responses: list[tuple[int, str]] = field(default_factory=list)  # (status, path)
    failed: list[str] = field(default_factory=list)  # paths of requests that got no response

    def watch(self, page) -> "RequestLog":
        page.on("response", lambda response: self.responses.append((response.status, urlsplit(response.url).path)))
        page.on("requestfailed", lambda request: self.failed.append(urlsplit(request.url).path))
        return self

    def paths(self) -> list[str]:
        return [path for _, path in self.responses] + self.failed

    def errors(self) -> list[tuple[int, str]]:
        """Responses with a 4xx or 5xx status."""
        return [(status, path) for status, path in self.responses if status >= 400]
