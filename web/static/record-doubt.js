// Doubt made visible on the record desk (issue 16): the words speech recognition was unsure
// of and every automatic correction are marked in the transcript, with what was heard,
// what was written and why; 下一处存疑 / 上一处 walk the clerk from one mark to the next.
// The marks exist only here: the record's PDF carries the plain text.
import { el, clear } from "/static/common.js";

// asr.correct's reasons, in words for the clerk.
const WHY = {
  "case term": "本案人名或案由",
  "case key word": "本案关键词",
  "legal term": "法律术语",
  "same sound": "读音相同",
  "near-homophone": "读音相近",
  "one syllable slipped": "一个音节之差",
  "Whisper doubted it": "识别时把握不大",
  "after a role": "前为诉讼身份称谓",
  "a pause inside the name": "人名中间有停顿",
  "after a role correction restored": "前为经修正的诉讼身份称谓",
  "amount unit": "金额单位",
  "after a number": "位于数字之后",
  "after a word for money": "前有表示款项的词语",
  "month unit": "月份单位",
  "after a year and a month number": "位于年份和月份数字之后",
  "元 before a clause": "“元”后紧接下文，应为“月”，请听录音核对",
  "year digit": "年份补位",
  "year": "年份",
  "于 heard as 一 before it": "年份前的“于”被识别为“一”，已改回，请听录音核对",
  "month number": "月份数字",
  "day number": "日期数字",
  "month unit and number": "月份数字及单位",
  "heard as a word after a year": "年份之后的月份被识别为一个词语，已改回，请听录音核对",
  "same sound as 十": "与“十”同音",
  "between a year and 月": "位于年份和“月”之间",
  "the rest of a slip onto a particle": "只改正与术语同音的部分，其后的虚词保留",
  "a three-digit year": "识别出的年份只有三位，已补回重复的一位数字，请核对",
  "number": "数字按本院写法书写",
  "amount": "金额",
  "amount word": "金额前的付款、欠款或合计用语",
  "before a number": "位于数字之前",
  "read again in Chinese numerals": "按中文数字重新识别后更正，请听录音核对",
  "a word's last syllable heard as 十": "前一词的末字被识别为“十”并入金额，已补回该字",
  "元 in the Chinese-numeral reading": "按中文数字重新识别时为“元”",
  "a word's last syllable heard as 十 and run into it": "前一词的末字被识别为“十”并入金额，已从金额中去掉，请听录音核对",
  "a word's last syllable heard as 千 and run into it": "前一词的末字被识别为“千”并入金额，已从金额中去掉，请听录音核对",
  "千 heard as 七": "“千”被识别为“七”，数字读不通，已改回",
  "a word's last syllable heard as a numeral and run into it": "前一词的末字被识别为数字并入金额，已从金额中去掉，请听录音核对",
  "amount and its unit": "金额及其单位",
  "the word its 1 was too": "金额前多出的“1”原是前一词的末字，已按中文数字识别补回该词",
  "its first digit heard as a word before it": "金额的首位数字被识别为前面的一个字",
  "十 heard as a shi syllable after 计": "“共计”“合计”后的“十”被识别为同音字，请听录音核对",
  "十 heard as a shi syllable after 计 or a verb of paying": "“共计”或“退回”“支付”等词后的“十”被识别为同音字，请听录音核对",
  "percentage": "百分比",
  "measure unit": "计量单位",
  "a li syllable after a number": "数字后的“立方米”或“厘米”被识别为同音字，已改回",
  "一共 written with the digit 1": "“一共”的“一”被写成数字“1”",
  "员 of the court's staff heard as another yuan": "审判员、书记员等称谓中的“员”被识别为同音字，已改回，请听录音核对",
  "its 十 heard as 时 after the rate": "百分数后的“时”应为“十”，如“百分之六十”，请听录音核对",
  "a party's statement": "当事人陈述的开头用语“诉称”“辩称”",
  "诉讼 after the party": "“诉讼”紧接在当事人姓名或诉讼身份之后",
  "before a pause": "其后停顿",
  "after the party": "位于当事人姓名或诉讼身份之后",
  "punctuation": "标点修正",
  "day unit": "日期单位",
  "after a year": "位于年份之后",
  "a month and a day number": "及月份、日期数字之后",
  "its century dropped": "识别出的年份只有两位，已补全为四位，请核对",
  "a five-digit year": "识别出的年份有五位，已删去重复的一位数字，请核对",
  "是 heard as 十 before it": "年份前的“是”被识别为“十”，已改回，请听录音核对",
  "是 heard twice before it": "年份前的“是”被重复识别为“十”，已删去，请听录音核对",
  "a syllable before it run into its digits": "金额前的一个字被并入数字成为首位“1”，已按中文数字识别补回该字，请听录音核对",
  "损失 heard as 水十: 失 run into it as 1": "“损失”被识别为“水”“损”等字，“失”并入金额成为首位“1”，已改回",
  "损失 heard as 水十": "“损失”被识别为“水十”“嘴十”等同音字，已改回，请听录音核对",
  "损失 heard as a loss syllable and 时": "“损失”被识别为“嘴时”“随时”“水时”等，其后紧接金额，已改回",
  "its Chinese-numeral reading Whisper scored higher on the same audio": "同一段录音按中文数字重新识别得到另一金额，两种读法逐字比对后该金额明显更吻合，已改为该金额，请听录音核对",
  "a near reading Whisper scored higher on the same audio": "按中文数字逐字比对同一段录音，相差一位数字（或“十”“零”）的读法明显更吻合，已改为该读法，请听录音核对",
  "a numeral heard as a character of its sound before 万": "“万”前的数字被识别为同音字（如“骑万”“拔万”），已改为数字，请听录音核对",
  "the 十 no part of the number": "其中的“十”不能与金额连读",
  "Whisper sure of the number after it": "其后的数字识别把握较大",
  "a digit written twice": "阿拉伯数字中有一位被重复识别",
  "after a name correction restored": "位于经修正的人名之后",
  "after a number with a fraction": "位于带小数的数字之后，人数不会有小数",
  "a decimal digit and 元 heard as a word": "小数点后的数字与“元”被识别为一个词语，已改回，请听录音核对",
  "amount point": "金额中的小数点或千分位",
  "a full stop written for it": "被识别为句号，已改回",
  "a full stop written for its thousands comma": "千分位逗号被识别为句号，已改回",
  "千 heard as a jian syllable inside the number": "金额中的“千”被识别为同音字，已改回，请听录音核对",
  "是十 heard as 4": "“是十”被识别为数字“4”，已按中文数字识别改回，请听录音核对",
  "the hearing's word": "庭审中所说的应为此词",
  "原 heard as 人 before 告": "“原告”的“原”被识别为“人”，已改回",
  "the role before a party's name and 诉称": "位于本案当事人姓名和“诉称”之前，应为诉讼身份“原告”，请听录音核对",
  "a digit heard otherwise": "阿拉伯数字中有一位识别有误或相邻两位颠倒",
  "月 written for it": "“日”被识别为“月”",
  "the day no later than the month": "日期数字不大于其前的月份，不是另一个月份",
  "after a month and a day number": "位于月份和日期数字之后",
  "amount numeral": "金额中的数字",
  "五 heard as a wu syllable before its unit": "“五”被识别为同音字，已改回，请听录音核对",
  "pronoun": "人称代词",
  "judge's words": "审判人员用语",
  "a digit for its first syllable": "姓名首字被识别为阿拉伯数字",
  "its given name heard exactly": "名字识别无误、姓氏被识别为他字",
  "证人 heard as 这人 before a name of the case": "位于本案人员姓名之前的“这人”应为“证人”，已改回",
  "word": "用语",
  "按 heard as 案 before a rate or a schedule": "“按”被识别为“案”，其后为费率、期次或约定，已改回",
  "随后 heard as 此后 before the judge announces": "“随后”被识别为“此后”，其后为审判人员宣布事项，已改回",
  "店里 heard as 电力 before what a shop has": "“店里”被识别为同音词“电力”，其后为店内事物，已改回",
  "收货 heard as 收获 in a case about a sale": "买卖类案件中“收货”被识别为同音词“收获”，已改回",
  "在 heard as 再 before a span within which": "“在……内”中的“在”被识别为“再”，已改回",
  "是 heard as another shi syllable after a person of the case": "当事人姓名后的“是”被识别为同音字，已改回",
  "到 heard as 道 after a verb of moving": "动词后的“到”被识别为“道”，已改回",
  "星期 heard as 星7 before a weekday": "“星期”被识别为“星7”，已改回",
  "负 heard as 副 before a share of liability": "责任承担前的“负”被识别为“副”，已改回",
  "箱 heard as 相 as the measure after a number": "数量后的量词“箱”被识别为“相”，已改回",
  "十级伤残 heard as 时机伤残": "“十级伤残”被识别为“时机伤残”，已改回",
  "期 heard as 7 in a term or a lapse": "“租期”“逾期”“过期”中的“期”被识别为“7”，已改回",
  "右 heard as 又 before a side of the body or a turn": "身体部位或转向前的“右”被识别为“又”，已改回",
  "培训 heard as 陪审 before a class or a school": "“培训”被识别为“陪审”，其后为培训班、机构等，已改回",
  "由 heard as 有 before a party who is to bear a cost": "当事人承担费用前的“由”被识别为“有”，已改回",
  "before an amount": "其后为金额",
  "each syllable within a slip": "每个音节均只有一处相近的误听",
  "before what is owed": "其后为所欠款项，应为“付清”，请听录音核对",
  "time limit": "期限",
  "十 heard as 时 before 日内 after a party": "“十日内”的“十”被识别为“时”，已改回",
  "陪审 with no 员 after it is the hearing's 赔偿": "“陪审”后无“员”字，庭审中应为“赔偿”，已改回，请听录音核对",
  "并 heard as a bi or bian syllable before an order to a party": "“并”被识别为“必”或“便”，位于向当事人提出要求之前，已改回",
  "她 for a woman of the case by her given name": "句首所称本案当事人或诉讼参与人按名字为女性，“他”改为“她”，请核对",
  "他 for a man of the case by his given name": "句首所称本案当事人或诉讼参与人按名字为男性，“她”改为“他”，请核对",
  "她 for a woman of the case as the register records": "句首所称本案当事人或诉讼参与人登记为女性，“他”改为“她”",
  "他 for a man of the case as the register records": "句首所称本案当事人或诉讼参与人登记为男性，“她”改为“他”",
};

export function whyLabel(why) {
  const m = /^([^(]+?)\s*(?:\((.*)\))?$/.exec(why || "");
  if (!m) return why || "";
  const head = WHY[m[1]] || m[1];
  const details = (m[2] || "").split(",").map((s) => s.trim()).filter(Boolean).map((s) => WHY[s] || s);
  return details.length ? `${head}（${details.join("，")}）` : head;
}

// The segment's text with its marks: corrections first where both would cover a character.
export function markedText(seg) {
  const text = seg.text || "";
  const marks = [
    ...(seg.corrections || []).map((c) => ({ ...c, kind: "fix" })),
    ...(seg.doubtful || []).map((d) => ({ ...d, kind: "doubt" })),
  ].filter((m) => 0 <= m.start && m.start < m.end && m.end <= text.length)
    .sort((a, b) => a.start - b.start || (a.kind === "fix" ? -1 : 1));
  const out = document.createDocumentFragment();
  let at = 0;
  for (const m of marks) {
    if (m.start < at) continue;   // overlaps one already shown
    out.append(text.slice(at, m.start));
    const title = m.kind === "fix"
      ? `原文：${m.original} → 更正：${m.corrected}\n原因：${whyLabel(m.why)}`
      : `存疑：识别置信度 ${Math.round((m.p ?? 0) * 100)}%，请听录音核对`;
    out.append(el("mark", { class: `mark-${m.kind}`, title, tabindex: "-1",
                            dataset: { key: `${seg.id}:${m.start}` } }, text.slice(m.start, m.end)));
    at = m.end;
  }
  out.append(text.slice(at));
  return out;
}

let current = null;   // data-key of the mark last jumped to

function allMarks() {
  return [...document.querySelectorAll("#transcript mark.mark-fix, #transcript mark.mark-doubt")];
}

function show(marks, i) {
  for (const node of document.querySelectorAll("#transcript mark.current")) node.classList.remove("current");
  const node = marks[i];
  current = node.dataset.key;
  node.classList.add("current");
  node.scrollIntoView({ block: "center" });
  node.focus({ preventScroll: true });
  count(marks, i);
  detail(node);
}

// What the current mark means, in full, for a clerk who does not hover over it.
function detail(node) {
  const box = clear(document.getElementById("doubt-detail"));
  if (node) box.append(`${node.textContent}：${node.title.replace("\n", "；")}`);
}

function count(marks, i) {
  const box = document.getElementById("doubt-count");
  const fixes = marks.filter((n) => n.classList.contains("mark-fix")).length;
  clear(box).append(marks.length
    ? `存疑 ${marks.length} 处（自动更正 ${fixes}，识别存疑 ${marks.length - fixes}）${i >= 0 ? `，第 ${i + 1} 处` : ""}`
    : "无存疑之处");
  document.getElementById("doubt-next").disabled = !marks.length;
  document.getElementById("doubt-prev").disabled = !marks.length;
}

function step(by) {
  const marks = allMarks();
  if (!marks.length) return;
  const i = marks.findIndex((n) => n.dataset.key === current);
  // From nowhere: the first (下一处) or the last (上一处); the ends wrap around.
  const next = i < 0 ? (by > 0 ? 0 : marks.length - 1) : (i + by + marks.length) % marks.length;
  show(marks, next);
}

// After each rendering of the transcript: the count, and the current mark kept if it is still there.
export function refreshDoubts() {
  const marks = allMarks();
  const i = marks.findIndex((n) => n.dataset.key === current);
  if (i >= 0) marks[i].classList.add("current");
  count(marks, i);
  detail(i >= 0 ? marks[i] : null);
}

document.getElementById("doubt-next").addEventListener("click", () => step(1));
document.getElementById("doubt-prev").addEventListener("click", () => step(-1));
