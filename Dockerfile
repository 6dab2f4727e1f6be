# The eventgraph service: the wheel built from this checkout, installed (not editable) into its own venv, run as a
# non-root user. No Docker engine runs where this project is tested, so tests/deploy/image.py runs these same RUN
# steps into a clean venv instead (all but `useradd`), with WEB, SRC, WHEELS and VIRTUAL_ENV pointed at temp dirs.

# The browser assets the wheel carries: GraphiQL's pinned files and the built explorer (/explore).
FROM node:20-bookworm-slim AS web
ENV WEB=/web
COPY web /web
RUN cd "$WEB" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error && node build.mjs

FROM python:3.11-slim-bookworm AS build
ENV SRC=/src WHEELS=/wheels
COPY . /src
COPY --from=web /web/node_modules /src/web/node_modules
COPY --from=web /web/dist /src/web/dist
RUN python -m pip wheel --no-cache-dir --no-deps --wheel-dir "$WHEELS" "$SRC"

FROM python:3.11-slim-bookworm
ENV WHEELS=/wheels VIRTUAL_ENV=/opt/eventgraph
COPY --from=build /wheels /wheels
RUN python -m venv "$VIRTUAL_ENV" && "$VIRTUAL_ENV/bin/pip" install --no-cache-dir "$WHEELS"/eventgraph-*.whl
RUN useradd --system --uid 10001 --create-home --home-dir /var/lib/eventgraph eventgraph
USER eventgraph
WORKDIR /var/lib/eventgraph
# The settings a deployment changes (docker-compose.yml sets them): where the data lives (a path for the embedded
# store, or bolt://host:7687 for Neo4j with EVENTGRAPH_NEO4J_USER / EVENTGRAPH_NEO4J_PASSWORD), and where to listen.
ENV PATH=/opt/eventgraph/bin:$PATH PYTHONUNBUFFERED=1 EVENTGRAPH_STORE=/var/lib/eventgraph/store HOST=0.0.0.0 PORT=8000
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ['PORT'], timeout=4)"]
CMD ["eventgraph", "serve"]
