import { describe, expect, it } from 'vitest';
import { setupRegistries, type HostFile } from '../../../lab/hostRegistries';
import { registryFailure } from '../../../lab/registryFailure';

const file = (path: string, text: string): HostFile => ({ path, text });

describe('a setup that failed at a registry', () => {
  const given = setupRegistries({ npm: [file('/home/u/.npmrc', 'registry=https://npm.corp.example/\n')] }, { PIP_INDEX_URL: 'https://pypi.corp.example/simple' }).registries;

  it("names the registry npm could not reach, where it was set, and what to set", () => {
    const out = 'npm error code ECONNREFUSED\nnpm error syscall connect\nnpm error FetchError: request to https://npm.corp.example/left-pad failed, reason: connect ECONNREFUSED 10.0.0.1:443\n';
    expect(registryFailure(out, given)).toBe(
      'npm could not reach https://npm.corp.example/left-pad (the setup step gave it https://npm.corp.example/, from registry in /home/u/.npmrc); point `registry` (or `@scope:registry`) and the `//host/:_authToken` in ~/.npmrc, or NPM_CONFIG_REGISTRY on the worker at a registry the worker reaches (HTTPS_PROXY for a proxy), or name a file in "setupRegistries.npm" in loom.config.json',
    );
  });

  it("tells an untrusted certificate, refused credentials and a missing package apart, for pip, go and npm", () => {
    const pipTls = "Looking in indexes: https://pypi.corp.example/simple\nWARNING: Retrying (Retry(total=4, connect=None, read=None, redirect=None, status=None)) after connection broken by 'SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:992)'))': /simple/pad/\nERROR: No matching distribution found for pad";
    expect(registryFailure(pipTls, given)).toMatch(/^pip does not trust the certificate of https:\/\/pypi\.corp\.example\/simple \(the setup step gave it https:\/\/pypi\.corp\.example\/simple, from PIP_INDEX_URL in the worker's environment\); the setup step trusts the worker's certificate authorities, the bundle SSL_CERT_FILE or NODE_EXTRA_CA_CERTS names/);
    const goTls = 'go: corp.example/pad@v1.0.0: Get "https://goproxy.corp.example/corp.example/pad/@v/v1.0.0.mod": tls: failed to verify certificate: x509: certificate signed by unknown authority';
    expect(registryFailure(goTls, given)).toMatch(/^go does not trust the certificate of https:\/\/goproxy\.corp\.example\/corp\.example\/pad\/@v\/v1\.0\.0\.mod \(the setup step gave it https:\/\/proxy\.golang\.org,direct, from Go's default GOPROXY\)/);
    const npm401 = 'npm error code E401\nnpm error 401 Unauthorized - GET https://npm.corp.example/left-pad - authentication token not provided';
    expect(registryFailure(npm401, given)).toMatch(/^npm was refused by https:\/\/npm\.corp\.example\/left-pad \(401\/403\) .*; set the registry's credentials in `registry` \(or `@scope:registry`\) and the `\/\/host\/:_authToken` in ~\/\.npmrc/);
    const pip404 = 'Looking in indexes: https://u:****@pypi.corp.example/simple\nERROR: Could not find a version that satisfies the requirement pad==1.0 (from versions: none)\nERROR: No matching distribution found for pad==1.0';
    expect(registryFailure(pip404, given)).toMatch(/^pip did not find the package on https:\/\/u:\*\*\*@pypi\.corp\.example\/simple .*point `index-url` in pip\.conf, or PIP_INDEX_URL on the worker at one that has it/);
    const go404 = 'go: corp.example/pad@v1.0.0: reading https://goproxy.corp.example/corp.example/pad/@v/v1.0.0.mod: 404 Not Found';
    expect(registryFailure(go404, given)).toMatch(/^go did not find the package on https:\/\/goproxy\.corp\.example\/corp\.example\/pad\/@v\/v1\.0\.0\.mod .*GOPROXY \(GONOSUMDB or GOPRIVATE for private modules\)/);
    const cargo = 'error: failed to get `pad` as a dependency of package `app v0.1.0`\nCaused by:\n  download of config.json failed\nCaused by:\n  [60] SSL peer certificate or SSH remote key was not OK (SSL certificate problem: unable to get local issuer certificate)';
    expect(registryFailure(cargo, given)).toMatch(/^cargo does not trust the certificate of https:\/\/index\.crates\.io\/ \(the setup step gave it https:\/\/index\.crates\.io\/, cargo's default: the worker names none\)/);
    const maven = "[ERROR] Failed to execute goal on project app: Could not resolve dependencies for project corp:app:jar:1.0: Could not transfer artifact corp:pad:pom:1.0 from/to corp (https://maven.corp.example/repo): transfer failed for https://maven.corp.example/repo/corp/pad/1.0/pad-1.0.pom: Connection refused";
    expect(registryFailure(maven, given)).toMatch(/^maven could not reach https:\/\/maven\.corp\.example\/repo .*<mirror>/);
  });

  it('says nothing when the output shows no registry problem', () => {
    expect(registryFailure('ERR! 404 no such package', given)).toBeUndefined();
    expect(registryFailure('make: *** [all] Error 1\ncc1: error: unknown option', given)).toBeUndefined();
    expect(registryFailure('', given)).toBeUndefined();
  });
});
