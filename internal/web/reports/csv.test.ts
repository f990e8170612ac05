import { expect } from 'chai';
import { csvCell, toCsv } from './csv.js';

describe('web/reports CSV', () => {
  it('when a cell holds a comma, quote or line break, then it is quoted with quotes doubled (RFC 4180)', () => {
    expect(csvCell('a,b')).to.equal('"a,b"');
    expect(csvCell('say "hi"')).to.equal('"say ""hi"""');
    expect(csvCell('two\nlines')).to.equal('"two\nlines"');
    expect(csvCell('plain')).to.equal('plain');
  });

  it('when text starts like a spreadsheet formula, then it is neutralised with a quote mark; numbers stay numbers', () => {
    for (const hostile of ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\tx', '\rx']) expect(csvCell(hostile).replace(/^"/, '')).to.match(/^'/);
    expect(csvCell(-1001234567890)).to.equal('-1001234567890');
    expect(csvCell(true)).to.equal('true');
  });

  it('when empty values and dates are written, then they are blank and ISO 8601', () => {
    expect(csvCell(null)).to.equal('');
    expect(csvCell(undefined)).to.equal('');
    expect(csvCell(new Date('2026-12-04T10:00:00Z'))).to.equal('2026-12-04T10:00:00.000Z');
  });

  it('when rows are written, then the header comes first and every line ends with CRLF', () => {
    const csv = toCsv(
      [
        ['id', (r: { id: number; name: string }) => r.id],
        ['name', (r: { id: number; name: string }) => r.name],
      ],
      [
        { id: 1, name: 'Ada' },
        { id: 2, name: '=evil' },
      ],
    );
    expect(csv).to.equal("id,name\r\n1,Ada\r\n2,'=evil\r\n");
  });
});
