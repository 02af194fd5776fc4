import { describe, expect, it } from 'vitest';
import { secretsBlanked } from '../../../lab/labContainer';

describe("a container keeps its image's environment, without the image's secrets", () => {
  it('blanks variables named like keys, tokens and passwords, and only those', () => {
    const env = ['PATH=/opt/py/bin:/usr/bin', 'GOPATH=/go', 'NPM_TOKEN=abc', 'AWS_SECRET_ACCESS_KEY=x', 'DB_PASSWORD=p', 'API_KEY=k', 'GITHUB_AUTH=t', 'KEYBOARD=us', 'TOKENIZER=fast', 'MONKEY=1'];
    expect(secretsBlanked(env)).toEqual(['NPM_TOKEN=', 'AWS_SECRET_ACCESS_KEY=', 'DB_PASSWORD=', 'API_KEY=', 'GITHUB_AUTH=']);
    expect(secretsBlanked([])).toEqual([]);
  });
});
