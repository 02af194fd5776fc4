# A Lab image for Java repositories built with Maven, as docs/lab-images.md describes: Loom's
# own image plus Debian's JDK 17 and Apache Maven from Maven Central (Debian 12's maven is
# 3.8.7; Maven 3.9 is the first to read MAVEN_ARGS, which carries the host's settings.xml
# to the setup step). Built by provision/test-tools.sh for Loom's Maven test suite; BASE is
# the provisioned Lab image's tag.
ARG BASE
FROM ${BASE}
ARG MAVEN_VERSION=3.9.16
ARG MAVEN_SHA512=831a8591fe20c8243b1dbe7d71e3244f31d1665b0804b2e825e38cbbe5ce0cafb8338851f90780735568773e0a6cd07bbec107cda0b896b008b861075358b6f6
USER root
# The tarball comes from the build context, fetched beside this file by the host's own tools
# (which trust the host's certificate authorities, a TLS-inspecting proxy's too):
#   curl -fLO https://repo.maven.apache.org/maven2/org/apache/maven/apache-maven/3.9.16/apache-maven-3.9.16-bin.tar.gz
COPY apache-maven-${MAVEN_VERSION}-bin.tar.gz /tmp/maven.tar.gz
# (the JDK's packages link their man pages into /usr/share/man/man1, which the slim base lacks)
RUN echo "${MAVEN_SHA512}  /tmp/maven.tar.gz" | sha512sum -c - \
 && tar -xzf /tmp/maven.tar.gz -C /opt \
 && rm /tmp/maven.tar.gz \
 && ln -s "/opt/apache-maven-${MAVEN_VERSION}/bin/mvn" /usr/local/bin/mvn \
 && mkdir -p /usr/share/man/man1 \
 && apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openjdk-17-jdk-headless \
 && apt-get clean && rm -rf /var/lib/apt/lists/* \
 && java -version && mvn -v
USER lab
