import { fixture, isFixture, repositoryFiles } from './repository';
import { outsideReferences } from './self-contained';

describe('the repository stands on its own', () => {
  it('has no file that refers to anything outside it', () => {
    const files = repositoryFiles().filter((f) => !isFixture(f));
    expect(files.map((f) => f.path)).toContain('docs/settlement.md');
    expect(files.flatMap((f) => outsideReferences(f))).toEqual([]);
  });

  it('bites on code that climbs out, by a written path, by path.resolve or by an absolute path', () => {
    const problems = outsideReferences(fixture('outside-references.ts.txt', 'tools/aid/src/settle/bad.int.spec.ts'));
    expect(problems).toEqual([
      expect.stringMatching(/^tools\/aid\/src\/settle\/bad\.int\.spec\.ts:2: .*elsewhere\/settlement climbs out/),
      expect.stringMatching(/:5: 1 × '\.\.' from root climbs out/),
      expect.stringMatching(/:6: 5 × '\.\.' from __dirname climbs out/),
      expect.stringMatching(/:7: .*POLICY\.md/),
      expect.stringMatching(/:8: .*aid-ledger\/config/),
    ]);
  });

  it('bites on a document that names a file beside the repository', () => {
    const problems = outsideReferences(fixture('outside-references.md.txt', 'docs/settlement.md'));
    expect(problems).toEqual([
      expect.stringMatching(/^docs\/settlement\.md:3: \.\.\/shared\/POLICY\.md names nothing in the repository$/),
      expect.stringMatching(/^docs\/settlement\.md:3: \.\.\/\.\.\/seeds\/004\.md climbs out of the repository$/),
    ]);
  });

  it('lets references inside the repository stand', () => {
    // The fixture holds several files, each after a line `--- PATH`.
    const sections = fixture('inside-references.txt', '')
      .text.split(/^--- (.+)\n/m)
      .slice(1);
    expect(sections.length).toBe(8);
    for (let i = 0; i < sections.length; i += 2) {
      expect(outsideReferences({ path: sections[i], text: sections[i + 1] })).toEqual([]);
    }
  });
});
