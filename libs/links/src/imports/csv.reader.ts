/** A CSV record and the line of the file it starts on (1 is the header's). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export class CsvError extends Error {}

const DELIMITERS = [',', ';', '\t'] as const;

/**
 * The delimiter of the header line: the one of `,` `;` and tab found most often outside quotes
 * (spreadsheets in many European locales save with `;`); a comma when there is none.
 */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  let best = ',';
  for (const [delimiter, count] of counts) if (count > counts.get(best)!) best = delimiter;
  return best;
}

/**
 * RFC 4180 records: fields in double quotes may hold the delimiter, line breaks and doubled quotes
 * (`""`); CRLF, LF and CR all end a record; a leading byte order mark is dropped; blank lines are
 * skipped. A quote left open at the end of the file is a `CsvError` naming the line it opened on.
 */
export function readCsv(input: string, delimiter = detectDelimiter(input)): CsvRecord[] {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quotedSince = 0;
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0] !== '') records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };
  while (i < text.length) {
    const char = text[i]!;
    if (quotedSince > 0) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quotedSince = 0;
      } else {
        if (char === '\n' || (char === '\r' && text[i + 1] !== '\n')) line++;
        field += char;
      }
      i++;
      continue;
    }
    if (char === '"' && field.trim() === '') {
      field = '';
      quotedSince = line;
    } else if (char === delimiter) {
      fields.push(field);
      field = '';
    } else if (char === '\r' || char === '\n') {
      endRecord();
      if (char === '\r' && text[i + 1] === '\n') i++;
      line++;
      recordLine = line;
    } else {
      field += char;
    }
    i++;
  }
  if (quotedSince > 0) throw new CsvError(`a quoted field opened on line ${quotedSince} is never closed`);
  endRecord();
  return records;
}
