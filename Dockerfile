# The API and its explorer page: Neo4j runs as its own service (docker-compose.yml), reached
# through NEO4J_URI.
FROM node:20-slim AS explorer
WORKDIR /explorer
COPY explorer/package.json explorer/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY explorer/src ./src
RUN npm run build

FROM python:3.11-slim

WORKDIR /app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1

# Installed the way the README's Makefile does: pinned by constraints.txt.
COPY pyproject.toml constraints.txt README.md ./
COPY api ./api
COPY graph ./graph
COPY deedgraph ./deedgraph
RUN python -m pip install --no-cache-dir --upgrade pip \
    && python -m pip install --no-cache-dir -c constraints.txt .

COPY seeds ./seeds
COPY --from=explorer /explorer/dist ./explorer/dist
ENV DEEDGRAPH_EXPLORER_DIR=/app/explorer/dist

RUN useradd --system --uid 10001 deedgraph
USER deedgraph

EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --retries=6 \
    CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/ready').status != 200)"
CMD ["deedgraph", "serve", "--host", "0.0.0.0", "--port", "8000"]
