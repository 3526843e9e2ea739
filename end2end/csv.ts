// CSV as a spreadsheet program reads it, for the export specs.

/**
 * A strict RFC 4180 reader: quotes only at the start of a cell, `""` inside one; anything after
 * the closing quote up to the delimiter stays part of the cell (as Excel reads).
 */
export function parseCsv(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let cell = '';
    if (text[i] === '"') {
      i++;
      while (i < text.length) {
        if (text[i] === '"' && text[i + 1] === '"') { cell += '"'; i += 2; }
        else if (text[i] === '"') { i++; break; }
        else cell += text[i++];
      }
      // Anything after the closing quote up to the delimiter stays part of the cell.
      while (i < text.length && text[i] !== delimiter && text[i] !== '\r' && text[i] !== '\n') cell += text[i++];
    } else {
      while (i < text.length && text[i] !== delimiter && text[i] !== '\r' && text[i] !== '\n') cell += text[i++];
    }
    row.push(cell);
    if (text[i] === delimiter) { i++; continue; }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    rows.push(row);
    row = [];
  }
  return rows;
}
