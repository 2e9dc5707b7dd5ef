import { exportDisposition } from './export-cadre.controller';

describe('exportDisposition: the audit export names its file', () => {
  it('given an id with a colon, when the JSON is asked, then the ASCII fallback holds no colon and the UTF-8 name keeps the id', () => {
    expect(exportDisposition('county:C-1', 'json')).toBe(`attachment; filename=county_C-1-audit.json; filename*=UTF-8''county%3AC-1-${encodeURIComponent('审计记录')}.json`);
  });
  it('given the HTML page, then it is shown inline', () => {
    expect(exportDisposition('C1', 'html')).toMatch(/^inline; filename=C1-audit\.html/);
  });
});
