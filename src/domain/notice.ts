// The 通报's configurable parts, shared by the store (settings, drafts) and the report writers.

export interface NoticeSettings {
  /** 发文机关, e.g. 「营口市人民政府办公室」; the title and signature use it. */
  office: string;
  /** 发文字号's 机关代字, e.g. 「营政办公开」. */
  docPrefix: string;
  /** 主送机关, ending with 「：」. */
  addressees: string;
  /** Who inspected, as the opening paragraph names it, e.g. 「市政府办公室」. */
  inspector: string;
  /** With whom, e.g. 「市大数据管理中心」; empty when the office inspected alone. */
  partner: string;
  /** The indicator document as cited, e.g. 「《辽宁省政府网站与政务新媒体检查指标、监管工作年度考核指标》（辽政办公开〔2019〕15号）」; empty: from the round's catalogue. */
  indicatorDocument: string;
  /** Print the red 版头 (发文机关标志 and separator line). */
  letterhead: boolean;
}

export const DEFAULT_NOTICE_SETTINGS: NoticeSettings = {
  office: '市人民政府办公室',
  docPrefix: '政办公开',
  addressees: '各县（市）区人民政府，市政府各部门、各派出机构、各直属单位：',
  inspector: '市政府办公室',
  partner: '市大数据管理中心',
  indicatorDocument: '',
  letterhead: true,
};

/** One 「下步工作要求」 paragraph: a short heading (楷体) and its text. */
export interface Requirement {
  heading: string;
  body: string;
}

/** Upper bounds on what a supervisor may type (the text goes into documents and the portal). */
export const NOTICE_LIMITS = { requirements: 20, heading: 60, body: 2000, setting: 200, templates: 200 };
