import fc from 'fast-check';
import { firstRepeatedKey, MAX_INPUT_DEPTH } from './input-text';

/** The function as its callers use it: on a text JSON.parse took. */
const repeatedIn = (text: string): string[] | undefined => firstRepeatedKey(text, JSON.parse(text))?.path;

describe('a name given twice in one JSON object (firstRepeatedKey)', () => {
  it('finds none in a command written once per name', () => {
    expect(repeatedIn('{"eventId":"e1","type":"TrainingCompleted","cadreId":"C1","payload":{"hours":40,"topics":["a","b"]}}')).toBeUndefined();
  });

  it('finds a repeated name at the top, in a nested object and in an object inside an array, with its path', () => {
    expect(repeatedIn('{"cadreId":"C1","type":"X","cadreId":"C2"}')).toEqual(['cadreId']);
    expect(repeatedIn('{"payload":{"post":{"orgUnitId":"T1","orgUnitId":"T2"}}}')).toEqual(['payload', 'post', 'orgUnitId']);
    expect(repeatedIn('{"items":[{"k":1},{"k":1,"k":2}]}')).toEqual(['items', '1', 'k']);
  });

  it('takes one name in sibling objects, in an array and in a value for what they are: no repeat', () => {
    expect(repeatedIn('[{"a":1},{"a":2}]')).toBeUndefined();
    expect(repeatedIn('{"a":{"a":{"a":1}}}')).toBeUndefined();
    expect(repeatedIn('{"a":"a","b":["a","a"]}')).toBeUndefined();
  });

  it('is not misled by quotes, colons and backslashes inside strings', () => {
    expect(repeatedIn(String.raw`{"note":"\":\\\":x\\","a":"\\\\\":"}`)).toBeUndefined();
    expect(repeatedIn(String.raw`{"a\"":1,"b":"\"a\\\":","a\"":2}`)).toEqual(['a"']);
    expect(repeatedIn(String.raw`{"a\\":1,"a\\":2}`)).toEqual(['a\\']);
    // A name ending in an escaped backslash still ends the name: miscounted, it would hide the repeat after it.
    expect(repeatedIn(String.raw`{"x\\":1,"a":1,"a":2}`)).toEqual(['a']);
    expect(repeatedIn(String.raw`{"x\\\\":1,"y\"":{"a":1,"a":2}}`)).toEqual(['y"', 'a']);
  });

  it('finds names that are one once unescaped, spaced out, empty or __proto__', () => {
    expect(repeatedIn('{"a":1,"\\u0061":2}')).toEqual(['a']);
    expect(repeatedIn('{ "a" :\n1 ,\t"a"\r\n: 2 }')).toEqual(['a']);
    expect(repeatedIn('{"":1,"":2}')).toEqual(['']);
    expect(repeatedIn('{"__proto__":{},"__proto__":{}}')).toEqual(['__proto__']);
  });

  it('finds a repeat in input nested deeper than the limit too (a digest or an export has no depth rule to refuse it)', () => {
    const deep = `${'['.repeat(MAX_INPUT_DEPTH + 1)}{"a":1,"a":2}${']'.repeat(MAX_INPUT_DEPTH + 1)}`;
    expect(repeatedIn(deep)).toEqual([...Array.from({ length: MAX_INPUT_DEPTH + 1 }, () => '0'), 'a']);
    const deepWithoutRepeat = `${'['.repeat(MAX_INPUT_DEPTH + 1)}{"a":1,"b":2}${']'.repeat(MAX_INPUT_DEPTH + 1)}`;
    expect(repeatedIn(deepWithoutRepeat)).toBeUndefined();
    // A 1 MB body's worth of nesting is walked in one pass (a path copied per level made 10,000 levels take 13 s; found by a review).
    const depth = 200_000;
    expect(repeatedIn(`${'['.repeat(depth)}{"a":1,"a":2}${']'.repeat(depth)}`)?.length).toBe(depth + 1);
    const justInside = `${'['.repeat(MAX_INPUT_DEPTH - 1)}{"a":1,"a":2}${']'.repeat(MAX_INPUT_DEPTH - 1)}`;
    expect(repeatedIn(justInside)).toEqual([...Array.from({ length: MAX_INPUT_DEPTH - 1 }, () => '0'), 'a']);
  });

  it('property: any JSON value as JSON.stringify writes it has no repeat; the same with one name written again is found at that name', () => {
    const shallow = fc.jsonValue({ maxDepth: 6 });
    fc.assert(fc.property(shallow, (value) => repeatedIn(JSON.stringify(value)) === undefined));
    fc.assert(
      fc.property(fc.dictionary(fc.string(), shallow, { minKeys: 1 }), fc.nat(), shallow, (object, pick, again) => {
        const names = Object.keys(object);
        const name = names[pick % names.length]!;
        const text = `${JSON.stringify(object).slice(0, -1)},${JSON.stringify(name)}:${JSON.stringify(again)}}`;
        expect(repeatedIn(text)).toEqual([name]);
      }),
    );
  });
});
