import { PDFParse } from 'pdf-parse';

/** The text of each page of a PDF, as a reader's copy-and-paste would get it. */
export async function pdfPages(pdf: Buffer): Promise<string[]> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    const { pages } = await parser.getText();
    return pages.map((p) => p.text);
  } finally {
    await parser.destroy();
  }
}
