/**
 * The decider's foreseen fold (cadre-state.ts `foreseeFold`) is reused by `evolveCadre` only for
 * the very event foreseen. It was matched on id, type and effective date alone, not on the data: a
 * command refused on a cached state, whose id was then stored by another writer with other data (a
 * corrected post), left the cached state with the refused command's fold (found by a review).
 */
import { InMemoryLedger } from '../testing/given-when-then';
import { appoint, registerCadre, removeFromPost, township } from '../testing/commands';
import { cadreStateOf, cadreView, evolveCadre } from './cadre-state';
import { decideCareerCommand } from '../decide-career-command';
import { parseCareerCommand } from '../commands';

describe('a foreseen fold is not reused for another event with the same id (P2, integrity)', () => {
  const history = [township('T01'), registerCadre('A'), appoint('A', '2016-03-01', 'T01', 'PARTY_SECRETARY', { id: 'a-in' })];

  it('given a refused removal X (wrong post) decided on a cached state, when X is stored by another writer for the right post, then the cached state folds the stored X, not the refused one', () => {
    // This process (the API's cached state).
    const here = new InMemoryLedger();
    for (const c of history) here.execute(c);
    const cached = here.cadre('A');
    const wrong = removeFromPost('A', '2020-01-01', 'T01', 'HEAD', { id: 'X' });
    expect(() => here.decide(wrong)).toThrow(/RULE_I_|not held|HEAD/);

    // Another writer (the HTTP or CLI import, another replica) stores X for the post A holds.
    const there = new InMemoryLedger();
    for (const c of history) there.execute(c);
    there.execute(removeFromPost('A', '2020-01-01', 'T01', 'PARTY_SECRETARY', { id: 'X' }));
    const stored = there.events('cadre-A');
    const x = stored[stored.length - 1]!;
    expect(x.eventId).toBe('X');

    // This process brings its cached state up to the stream head (StateLoader.refresh: evolve).
    const refreshed = evolveCadre(cached, x);
    const truth = cadreStateOf(stored);
    expect(cadreView(refreshed).posts).toEqual(cadreView(truth).posts);
    expect(cadreView(refreshed).anomalies).toEqual([]);

    // And so a second removal of the post A no longer holds is refused, as on the stored record.
    const again = parseCareerCommand(removeFromPost('A', '2021-01-01', 'T01', 'PARTY_SECRETARY', { id: 'Y' }));
    const context = { ...here.context(again), cadre: refreshed };
    expect(() => decideCareerCommand(again, context)).toThrow();
  });
});
