# A Lab image for Rust repositories, as docs/lab-images.md describes: Loom's own image plus
# Debian's cargo. Built by provision/test-tools.sh for Loom's cargo test suite; BASE is the
# provisioned Lab image's tag.
ARG BASE
FROM ${BASE}
USER root
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends cargo \
 && apt-get clean && rm -rf /var/lib/apt/lists/*
USER lab
