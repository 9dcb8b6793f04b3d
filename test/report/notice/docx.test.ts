// Opens the DOCX as a reader's Word would: unzip, then read the text, styles, section and footers.
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildNotice } from '../../../src/report/notice/build.js';
import { renderDocx } from '../../../src/report/notice/docx.js';
import { fixtureOptions, fixtureSnapshot } from './fixture.js';

/** Each paragraph's text (its w:t runs joined), XML entities decoded. */
function paragraphs(xml: string): string[] {
  const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => decode([...m[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''))).filter(Boolean);
}

describe('通报 DOCX', async () => {
  const snapshot = fixtureSnapshot();
  const doc = buildNotice(snapshot, fixtureOptions());
  const files = unzipSync(new Uint8Array(await renderDocx(doc)));
  const xml = (name: string) => strFromU8(files[name]);
  const body = xml('word/document.xml');
  const styles = xml('word/styles.xml');
  const text = paragraphs(body);

  it('holds the text in order: letterhead, number, title, addressees, sections, signature, 附件', () => {
    const order = ['营口市人民政府办公室文件', '营政办公开〔2024〕12号', doc.title, '各县（市）区人民政府，市政府各部门、各派出机构、各直属单位：',
      '一、全市政府网站和政务新媒体检查情况', '二、下步工作要求', '附件：1.全市政府网站检查发现问题清单', '营口市人民政府办公室', '2024年7月5日', '附件1', '附件2'];
    const at = order.map((t) => text.indexOf(t));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(text.find((p) => p.startsWith('（一）政府网站检查情况。'))).toContain('本次共检查全市政府网站6个（其中政府门户网站1个、部门网站5个），检查率83.3%。');
    expect(text.find((p) => p.startsWith('（三）网友找错办理情况。'))).toContain('网民留言12条，已办理答复11条，其中按时答复10条');
  });

  it('escapes hostile names as text', () => {
    expect(body).not.toContain('<a href="/b">');
    expect(text.join('\n')).toContain('页面链接无法访问（HTTP 500）（<a href="/b">办事指南</a>）');
  });

  it('sets A4, GB/T 9704 margins in twips, the 22 × 28 character grid and even/odd footers', () => {
    const sect = body.match(/<w:sectPr[\s\S]*<\/w:sectPr>/)![0];
    expect(sect).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(sect).toMatch(/w:top="2098"/); // 37 mm
    expect(sect).toMatch(/w:left="1587"/); // 28 mm
    expect(sect).toMatch(/w:bottom="1984"/); // 35 mm
    expect(sect).toMatch(/w:right="1474"/); // 26 mm
    expect(sect).toMatch(/<w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="-848"/);
    expect(sect).toMatch(/<w:footerReference w:type="default"/);
    expect(sect).toMatch(/<w:footerReference w:type="even"/);
    expect(xml('word/settings.xml')).toContain('<w:evenAndOddHeaders/>');
  });

  it('sets the 公文 fonts and sizes: 仿宋_GB2312 3号 body, 方正小标宋简体 2号 title, 黑体 and 楷体_GB2312 headings', () => {
    const style = (id: string) => styles.match(new RegExp(`<w:style [^>]*w:styleId="${id}"[\\s\\S]*?</w:style>`))![0];
    expect(style('GovBody')).toMatch(/w:eastAsia="仿宋_GB2312"/);
    expect(style('GovBody')).toMatch(/<w:sz w:val="32"\/>/);
    expect(style('GovBody')).toMatch(/<w:spacing [^>]*w:line="579" w:lineRule="exact"/);
    expect(style('GovBody')).toMatch(/<w:ind w:firstLine="640"\/>/);
    expect(style('GovTitle')).toMatch(/w:eastAsia="方正小标宋简体"/);
    expect(style('GovTitle')).toMatch(/<w:sz w:val="44"\/>/);
    expect(style('GovHeading1')).toMatch(/w:eastAsia="黑体"/);
    const heading2Run = body.match(/<w:r>(?:(?!<\/w:r>)[\s\S])*（一）政府网站检查情况。[\s\S]*?<\/w:r>/)![0];
    expect(heading2Run).toMatch(/w:eastAsia="楷体_GB2312"/);
    expect(body).toContain('<w:pStyle w:val="GovTitle"/>');
  });

  it('numbers pages 「— N —」 in 4号 宋体, odd right and even left', () => {
    const footers = Object.keys(files).filter((f) => /^word\/footer\d+\.xml$/.test(f)).map(xml);
    expect(footers).toHaveLength(2);
    for (const f of footers) {
      expect(f).toMatch(/PAGE/);
      expect(f).toContain('— ');
      expect(f).toMatch(/w:eastAsia="宋体"/);
      expect(f).toMatch(/<w:sz w:val="28"\/>/);
    }
    expect(footers.map((f) => f.match(/<w:jc w:val="(\w+)"/)![1]).sort()).toEqual(['left', 'right']);
  });

  it('has the 附件 table with a header row and a row per problem', () => {
    const table = body.match(/<w:tbl>[\s\S]*<\/w:tbl>/)![0];
    const rows = table.match(/<w:tr>|<w:tr /g)!;
    expect(rows).toHaveLength(1 + 5);
    expect(table).toContain('<w:tblHeader/>');
    expect(paragraphs(table).slice(0, 6)).toEqual(['序号', '网站名称', '主办单位', '问题类型', '问题描述', '问题页面']);
  });
});
