import { describe, expect, it } from 'vitest';
import { ChangesetRules, type LayerEntry } from './whiteouts.js';

const file = (name: string, size = 0): LayerEntry => ({ name, type: 'file', size });
const dir = (name: string): LayerEntry => ({ name, type: 'directory', size: 0 });
function check(entries: LayerEntry[]) {
  const rules = new ChangesetRules();
  for (const e of entries) rules.add(e);
  return rules.finish().map((d) => `${d.ruleId} ${d.severity} ${d.path}`);
}

describe('ChangesetRules (layer.md whiteouts)', () => {
  it('accepts the spec examples: explicit whiteouts and an opaque directory recreated in the same layer', () => {
    expect(check([file('./.wh.file1'), file('a/.wh.file2'), file('.wh.b'), file('file4')])).toEqual([]);
    expect(check([dir('a/'), dir('a/b/'), dir('a/b/c/'), file('a/b/c/foo'), file('a/.wh..wh..opq')])).toEqual(
      [],
    );
  });

  it('rejects a whiteout without a basename and a whiteout that is not a regular file', () => {
    expect(check([file('etc/.wh.')])).toEqual(['image:layer.whiteout.name error etc/.wh.']);
    expect(check([dir('etc/.wh.gone/')])).toEqual(['image:layer.whiteout.type error etc/.wh.gone/']);
    expect(check([{ name: 'x/.wh..wh..opq', type: 'symlink', size: 0 }])).toEqual([
      'image:layer.whiteout.type error x/.wh..wh..opq',
    ]);
  });

  it('rejects a whiteout whose target (or something under it) is in the same layer', () => {
    expect(check([file('etc/gone'), file('etc/.wh.gone')])).toEqual([
      'image:layer.whiteout.same-layer error etc/.wh.gone',
    ]);
    expect(check([file('.wh.b'), file('b/c')])).toEqual(['image:layer.whiteout.same-layer error .wh.b']);
  });

  it('warns on a non-empty whiteout and on unknown .wh..wh. meta-entries', () => {
    expect(check([file('.wh.x', 3)])).toEqual(['image:layer.whiteout.empty warning .wh.x']);
    expect(check([file('.wh..wh.plnk')])).toEqual(['image:layer.whiteout.name warning .wh..wh.plnk']);
  });

  it('rejects duplicate entries for one path, however the name is spelled', () => {
    expect(check([file('etc/motd'), file('./etc/motd')])).toEqual(['image:layer.duplicate error ./etc/motd']);
    expect(check([dir('etc/'), file('etc/motd'), dir('./etc')])).toEqual([
      'image:layer.duplicate error ./etc',
    ]);
    expect(check([file('etc/motd'), dir('etc/')])).toEqual([]);
  });
});
