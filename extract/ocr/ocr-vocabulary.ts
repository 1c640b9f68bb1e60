// The words OCR'd titles and header cells are put back to (extract/ocr/fuzzy-match.ts).
// Titles: the atoms table kinds are recognised by (transform/table-kind.ts), short and far
// apart from each other so that one never snaps to another (收入 ≠ 收支: 入 is no misreading of 支).
// Headers: whole header terms of the standard tables (golden-format measures and the
// template headers around them), longest forms included so that a longer printed term
// is kept rather than cut to a shorter one.

export const TITLE_WORDS: readonly string[] = [
  "一般公共预算", "政府性基金", "国有资本经营", "财政拨款", "机关运行经费", "政府采购", "基本支出", "项目支出",
  "功能分类", "经济分类", "功能科目", "经济科目", "三公", "经费", "收支", "收入", "支出", "预算", "决算", "总表",
  "会议费", "培训费",
];

export const HEADER_TERMS: readonly string[] = [
  "项目", "科目编码", "科目名称", "功能分类科目编码", "功能分类科目名称", "功能科目编码", "功能科目名称",
  "经济分类科目编码", "经济分类科目名称", "部门经济分类科目编码", "部门经济分类科目名称", "部门预算经济分类科目编码",
  "支出功能分类", "支出经济分类", "合计", "小计", "总计", "金额", "预算数", "决算数", "本年预算数", "本年决算数",
  "基本支出", "项目支出", "人员经费", "公用经费", "人员经费合计", "公用经费合计",
  "收入", "支出", "收入预算", "支出预算", "本年收入", "本年支出", "本年收入合计", "本年支出合计", "收入总计", "支出总计",
  "财政拨款", "财政拨款收入", "财政拨款支出", "一般公共预算", "一般公共预算支出", "一般公共预算财政拨款",
  "政府性基金预算", "政府性基金预算支出", "政府性基金预算财政拨款", "国有资本经营预算", "国有资本经营预算支出", "国有资本经营预算财政拨款",
  "事业收入", "经营收入", "其他收入", "上级补助收入", "附属单位上缴收入", "上缴上级支出", "经营支出", "对附属单位补助支出",
  "上年结转", "年初结转和结余", "年末结转和结余", "单位预留机动经费", "结转下年资金",
  "因公出国（境）费", "公务用车购置及运行费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行费", "公务用车运行维护费",
  "公务接待费", "购置费", "运行费", "会议费", "培训费", "机关运行经费", "“三公”经费", "财政拨款“三公”经费",
];
