// The 通报 as a document model: what it says, in order, without any output format. The DOCX, HTML and PDF
// writers lay out the same blocks, so the three outputs never disagree on a word or a figure.

/** A span of text. A placeholder is text the supervisor must replace before issuing (【待补充：…】). */
export interface Run {
  text: string;
  style?: 'heading' | 'placeholder';
}

export type Block =
  /** 发文机关标志 (版头), e.g. 「营口市人民政府办公室文件」; printed red. */
  | { kind: 'letterhead'; text: string }
  /** 发文字号, centred under the letterhead, followed by the red separator line. */
  | { kind: 'docNumber'; runs: Run[] }
  | { kind: 'title'; text: string }
  /** 主送机关, flush left. */
  | { kind: 'addressees'; text: string }
  /** A body paragraph, first line indented two characters; a leading 'heading' run is a 楷体 （一） heading. */
  | { kind: 'paragraph'; runs: Run[] }
  /** 一、 level heading (黑体). */
  | { kind: 'heading1'; text: string }
  /** （一） level heading on its own line (楷体). */
  | { kind: 'heading2'; text: string }
  /** 附件说明 under the body: 「附件：1.…」, later lines aligned after 「附件：」. */
  | { kind: 'attachmentList'; items: string[] }
  /** 发文机关署名 and 成文日期, right-aligned; the office centred over the date. */
  | { kind: 'signature'; office: string; date: string }
  /** Starts an attachment on a new page: 「附件1」 (黑体, flush left) and its title (小标宋, centred). */
  | { kind: 'attachment'; label: string; title: string }
  | { kind: 'table'; columns: TableColumn[]; rows: string[][]; empty: string }
  | { kind: 'chart'; chart: ChartId; caption: string };

export interface TableColumn {
  title: string;
  /** Share of the text width, 0–1; the columns of a table add up to 1. */
  width: number;
}

export type ChartId = 'verdicts-by-unit' | 'top-problems' | 'trend';

/** The figures the text states, computed once from the snapshot (tests compare the text against them). */
export interface NoticeFigures {
  sites: {
    total: number;
    portals: number;
    departments: number;
    inspected: number;
    /** inspected / total, percent text such as 「100%」; null with no sites. */
    inspectionRate: string | null;
    qualified: number;
    unqualified: number;
    incomplete: number;
    /** qualified / (qualified + unqualified); null when nothing was judged. */
    passRate: string | null;
    problems: number;
  };
  accounts: null | { total: number; checked: number; checkRate: string | null; qualified: number; unqualified: number; passRate: string | null };
  messages: null | { received: number; answered: number; answeredOnTime: number; overdue: number; open: number };
}

export interface NoticeDocument {
  /** File name stem and the document's title. */
  title: string;
  /** The 「X政办公开〔YYYY〕N号」 text, or null while the number is not assigned. */
  docNumber: string | null;
  blocks: Block[];
  figures: NoticeFigures;
  /** The charts the blocks reference, with the data each is drawn from. */
  charts: ChartSpec[];
  /** Placeholders left for the supervisor (the text of each 【待补充：…】). */
  placeholders: string[];
}

export interface ChartSpec {
  id: ChartId;
  title: string;
  /** Category labels (units, problems, rounds) and one or more series over them. */
  categories: string[];
  series: Array<{ name: string; values: number[]; color: string }>;
  /** 'bar' stacked horizontally, 'line' over rounds. */
  type: 'stacked-bar' | 'bar' | 'line';
}

/** What the writers need of any document: the notice, the yearly reports. */
export interface OfficialDocument {
  title: string;
  blocks: Block[];
}
