import { renderReport } from '../../src';
import { reportOf, rowOf } from '../support/fixtures';

describe('renderReport', () => {
  it('writes CSV with one line per secret, quoting commas and defusing spreadsheet formulas', () => {
    const report = reportOf({
      secrets: [rowOf({ drift: ['tag system is "=cmd()", expected "orders"', 'no resource policy'] })],
    });
    const lines = renderReport(report, 'csv').trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(
      'account,region,secret,database,user,engine,strategy,rotation,schedule,last rotated,next rotation,age days,status,last failure,drift',
    );
    expect(lines[1]).toContain('"tag system is ""=cmd()"", expected ""orders""; no resource policy"');
    expect(renderReport(reportOf({ secrets: [rowOf({ name: '=HYPERLINK("x")' })] }), 'csv')).toContain(
      `"'=HYPERLINK(""x"")"`,
    );
  });

  it('escapes table pipes in Markdown', () => {
    expect(renderReport(reportOf({ secrets: [rowOf({ drift: ['a|b'] })] }), 'markdown')).toContain('a\\|b');
  });

  it('writes HTML that loads nothing and escapes every value', () => {
    const html = renderReport(
      reportOf({ secrets: [rowOf({ name: '<img src=x onerror=alert(1)>' })] }),
      'html',
    );
    expect(html).not.toMatch(/<script|<link|@import|url\(|<img/i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<svg');
  });

  it('round-trips JSON', () => {
    const report = reportOf();
    expect(JSON.parse(renderReport(report, 'json'))).toEqual(report);
  });

  it('marks an incomplete report in the table format', () => {
    expect(renderReport(reportOf({ complete: false }), 'table').split('\n')[0]).toContain('INCOMPLETE');
  });
});
