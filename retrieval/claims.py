"""What a question says a named document contains, checked against that document's text.

「文書取扱規程で定められている『７年保存』の文書は」 presumes a rule: if the named document has no
seven-year period anywhere, the honest reply is that it does not, not an excerpt about other
periods. Three kinds of claim are read, all only when the question attributes them to the
document (定められた, とされている, 規程にある, 「…」 quoted, 何条): a quantity with a unit (48時間,
７年, 三本線, 六か月; one shaped like a rule, 20年保存, 3日以内, counts as attributed by itself),
an authority that approves or permits (市長の承認, 所属長の許可, 情報政策課長の許可), and a
term the question asserts the document holds, in the clause that says so (「廃棄は焼却処分って
決まってるけど」, 「修正テープでの訂正も認めてるんだよね」, 「FAQの在宅勤務の項目」). A claim counts
as absent when the document's text has no such quantity (kanji and digits folded: 六箇月 =
6か月), never names that office, or shares less than half of the term's character pairs. Only
terms of three characters or more are judged, and only in an assertion: an everyday word missing
from a law's text (有休 in 「有休は何日」) says nothing about whether the rule exists. A rule
reported with no document named (an approving office, a figure) is judged against the one visible
regulation that deals with its subject; a figure some visible document holds is never a false
premise, only misattributed. 永年 counts as a period (a document without one does not have it); a
count of kinds (四種類) is judged only against a document that states one (五種); an office is
named whole (税務課 is not 総務課). Where a period is said to be counted from (作成した日から,
1月1日から数える) is judged against the one document that says where it is counted from (…翌年度の
四月一日から起算する): a date or a word of the presumed origin it lacks. An office presumed to do
something (収受印って各課で押す) is judged against the sentences of the one regulation on that
subject that name who does it (総務課において収受し); a term heard to be among a rule's items
(「決裁予定日」も入っていると聞きました) counts as absent when no visible document holds it.
Some members of a list the document joins with 及び said to be all that is needed (件名と起案者名
だけ) are a claim; a chief named with no section (課長) is the document's only where its
sentences on the clause's subject name a chief (総務課長 in the 持出し sentence, none in the
訂正 one); what is said after a 条 (第九条のとおり、…; 第五条にいわく、…) is judged against that 条.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence

from ingest.numbering import kanji_to_int

_NUMERAL = r"[0-9０-９〇一二三四五六七八九十百千]+"
_UNIT = (r"(年|か月|ヶ月|ケ月|カ月|箇月|ヵ月|営業日|日|週間|時間|本線|割|万円|円"
         r"|か所|箇所|ヶ所|カ所|文字|字|回|枚|桁|度|社|種類|種)")
# (a numeral read whole, not from its middle; a date's day, 4月3日, is no period, but 月20時間 is)
_QUANTITY = re.compile(rf"(?<![第令和平成昭和0-9０-９〇一二三四五六七八九十百千])"
                       rf"(?<![0-9０-９〇一二三四五六七八九十]月)({_NUMERAL})\s*{_UNIT}")
# the day a period is reckoned from (起算日が1月1日, 四月一日から起算する): a date the rule fixes,
# read as (month × 100 + day, 月日)
_RECKONED = re.compile(rf"(?:起算日|基準日)(?:は|が|を|って|も)?[^、。？?]{{0,6}}?"
                       rf"({_NUMERAL})月({_NUMERAL})日"
                       rf"|({_NUMERAL})月({_NUMERAL})日(?:から|より)?(?:起算|数え)")
# a form's bracketed label (【確認】, 【種類数】): it names no subject
_FORM_LABEL = re.compile(r"【[^】]{1,10}】")
# a number of things with their list after it in brackets (四つ（一年、三年、五年、十年）)
_COUNTED_LIST = re.compile(rf"(?<![0-9０-９〇一二三四五六七八九十百千])({_NUMERAL})つ"
                           r"(?=\s*[（(][^）)]{1,60}?[、・,][^）)]*[）)])")
_ENGLISH_UNIT = {"year": "年", "month": "月", "day": "日", "hour": "時間", "week": "週間"}
_ENGLISH_QUANTITY = re.compile(r"\b([0-9]+)\s*(year|month|week|day|hour)s?\b", re.I)
_MONTHS = {"か月", "ヶ月", "ケ月", "カ月", "箇月", "ヵ月"}
_PLACES = {"か所", "箇所", "ヶ所", "カ所"}
# counts are as often the asker's own case (誤字が一か所) as a rule: a rule only with a limit
_COUNTS = _PLACES | {"文字", "字", "回", "枚", "桁", "度", "社"}
_LIMIT = re.compile(r"\s*(?:まで|以内|以上|以下|を超え|未満|ごと|毎)")
# the question says the document holds it
# (決まり字, 決まり手: another trade's word)
_ATTRIBUTED = re.compile(r"定め|とされ|決ま(?:って|り(?!字|手|文句))|規定|書いて|書かれ|載って"
                         # (規程どおり修正テープで訂正して)
                         r"|(?:規程|規則|要綱|要領|FAQ|マニュアル|手引き?)(?:どおり|通り)"
                         r"|ルール"
                         r"|ことになって|(?:に|では|で)(?:あ(?:る|りま|った)|ござい)|上[はで、]|条文|何条|って(?:規程|規則|あ)|「"
                         r"|(?:規程|規則|要綱|FAQ|マニュアル|手引き?|条)(?:だと|では|によると|によれば)"
                         r"|(?:でした|です|だった|だ)よね|と思う|はず|(?:でよかった|だった)っけ"
                         r"|(?:規程|規則|要綱|要領|条)[）)]\s*(?:って|と)"
                         # (…の許可で可、という規程の運用に変わったと聞いた)
                         r"|(?:規程|規則|要綱|要領)の運用|運用(?:に|が|へ)(?:変わ|改ま|なっ)"
                         r"|according to|\b(?:says|states|requires|stipulates)\b|\bmust be\b", re.I)
# a quantity that reads as a rule by itself (20年保存, 3日以内に, 5年間保存)
_RULE_SHAPED = re.compile(rf"{_NUMERAL}\s*{_UNIT}間?(?:保存|以内|以上|を超え|まで|前まで|ごと|毎)"
                          r"|永年(?:保存)?|無期限(?:で|に)?保存"
                          # (保存期間の種類は六種類)
                          rf"|(?:保存期間|保存年限|期限|上限|制限|期間)(?:の(?:種類|区分|種別))?"
                          rf"(?:[はがのも]|って|には|に)?"
                          rf"[、,\s「『=＝{{｛]*"
                          # (保存期間って最長でも十年)
                          rf"(?:たしか|確か)?\s*(?:(?:最長|最大|最短|最小|長くても|短くても)(?:で|でも|は|が)?"
                          rf"[、,\s]*)?{_NUMERAL}"
                          # a form's field filled in with a figure (【種類数】四種)
                          rf"|(?<=】)\s*{_NUMERAL}\s*{_UNIT}"
                          # the lines of a correction (訂正は三本線): a way of doing, counted
                          rf"|{_NUMERAL}\s*本線")
# a statement offered to be confirmed (…三本線と訂正者の認印、で正しいか確認願います)
_CONFIRMING = re.compile(r"(?:で|と|って)[、,]?(?:正しい|合って|あって"
                         r"|間違い(?:ない|ありません|ございません))(?:か|です|でしょう|ます|ません)")
# the chief of one's own section (自分の課の課長, うちの課長) is the 所属長
_OWN_CHIEF = (r"(?:自分|うち|自)の(?:課|係|所属)の(?:課長|長)|自課の?課長|自分の課長"
              r"|うちの課長"
              # (作成した課の課長: the section's own, whichever it is)
              r"|(?:作成|起案|所管|担当|主管)(?:した|する|している)?課の(?:課長|長)")
_OFFICE = (_OWN_CHIEF + r"|所属の課長|所属課長|副?市長|教育長|所属長|上司|課長補佐|係長|班長|各課長"
           r"|副(?:課長|部長|局長|室長)|次長"
           r"|各課|[一-龥ァ-ヶー]{2,8}(?:課長|部長|局長|室長|担当)|課長|部長|局長|室長")
# one office written several ways (所属の課長 = 所属長 = 所属課長)
_SAME_OFFICE = dict.fromkeys(("所属の課長", "所属課長", "所属長"),
                             ("所属の課長", "所属課長", "所属長", "所属の長"))
# 市長の承認, 係長の許可印; or the other way round: 許可って規程上は情報政策課長ですよね
_AUTHORITY = re.compile(rf"({_OFFICE})(?:の|が|に)?(?:事前|口頭|書面|二つ|両方)?の?(?:ご|御)?"
                        rf"(?:承認|許可|決裁|審査|確認|同意|認印|押印|直筆署名|署名|自署|印"
                        rf"|判断|OK|オーケー|了承|approval|permission)"
                        rf"|(?:承認|許可|決裁)(?:する(?:の|人|者))?(?:って|は)[、,]?"
                        # (…承認は、個人情報を含まない文書なら作成した課の課長で足りる)
                        rf"(?:[^、。？?]{{0,20}}?(?:なら|ならば|場合は?|ときは?)[、,]?)?"
                        rf"[^、。？?]{{0,10}}?({_OFFICE})"
                        rf"(?:です|でしょ|だ|の|が|で)")
# an office's act said not to be enough (課長の承認ではダメ, 係長の決裁ではなく): not claimed
_DENIED = re.compile(r"\s*(?:では|じゃ|で)(?:は)?(?:ダメ|だめ|駄目|いけな|足りな|不十分|不可|なく"
                     r"|NG|アウト)")
# a document named by its kind, where a claim is put to it (…と規程で決まっている)
_DOC_NAMED = r"(?:規程|規則|要綱|要領|条例|FAQ|マニュアル|手引き?)"
# a clause asserting what the document says: 「…って書いてあるけど」「…と定められてると聞いた」
# 「…も認めてるんだよね」「FAQに…が載ってたはず」 (the terms before the marker are the claim)
# (書いてある, not 付箋に書いて貼る: writing is no saying)
_ASSERTED = re.compile(r"(?:って|と|とか|が|も|は|ことに|に|(?<=[るす])よう|――|—)"
                       # the document between the claim and its verb: …と規程で決まっている
                       # (…を要する――規程にそう刻まれている)
                       # (…と規程第二条にありますよね)
                       r"(?:(?:" + _DOC_NAMED + r"(?:第?[0-9一二三四五六七八九十]+条)?"
                       r"|第?[0-9一二三四五六七八九十]+条)(?:で|に|上|では|には)?)?"
                       r"(?:そう)?"
                       r"(?:書いて(?=[あるたまい])|書かれて|刻まれて|記されて|うたわれて|謳われて"
                       r"|明記されて|明示されて|記載されて"
                       r"|定め(?:て|られて)"
                       # (…三年保存すると定めがあると伺いました)
                       r"|(?:定め|規定|決まり)が(?=あ)"
                       r"|決まって|義務(?:づけ|付け)られて"
                       # (not since becoming: 市職員になってからは)
                       r"|なって(?!から)|認めて|認められて|載って"
                       # (…差し支えないと規程第五条にございますが)
                       r"|ございま(?:す|した)(?=が[、,]|けど|けれど|よね)"
                       r"|あ(?:る|った|ります|りました)(?:って|と|はず"
                       r"|(?:の|ん)?よね"
                       # (…って規程にあったけど)
                       r"|(?=けん|けぇ|やん|やろ|じゃん|だべ|だろ|ばい|がや|っぺ|ずら|だら|が[、,]|けど"
                       r"|けれど))"
                       r"|(?<=と)され(?:て|ており))"
                       r"[^、。？?]{0,12}?(?:けど|けれど|よね|よな(?!ら)|でしょ|から|ので|はず|と聞|って聞"
                       r"|らしい|んだ|のに|ね[。？?]|し[、,]|条文|規定|箇所|根拠|聞(?:い|き)|伺(?:い|っ)"
                       r"|思(?:う|い|っ)"
                       r"|そう(?:です|だ|な)"
                       # reported speech (…と規程に書いてあると言うんですが)
                       r"|(?:と|って)(?:言|い)(?:う|っ|わ)"
                       # the same, in dialect: …ってなってるやんか, …て書いてあるじゃん
                       r"|やん|やろ|じゃん|だべ|ばい|けん|けぇ|けえ|じゃけ|がや|っぺ|ずら|だら"
                       # …と規程にありましたよね。 (the presumption closed the verb itself)
                       r"|(?<=よね)"
                       # stated flat (…で保存すると定められている。)
                       r"|(?<=いる)[。！!]|(?<=います)[。！!]"
                       # stated before a question on it (…と決まっていますが、焼却は…)
                       r"|(?<=ます|いる)が(?=[、,]))"
                       # reported in note form (規程では修正液の使用可とのこと。)
                       # (not someone's wish reported: 控えを持ち帰りたいとのこと)
                       r"|(?<!たい)(?<!ほしい)(?<!欲しい)とのこと(?=[。.、,！!？?]|$|で)"
                       # the ground of what is asked next (…焼却すると規程にあるので、…日程を)
                       r"|と" + _DOC_NAMED + r"(?:第?[0-9一二三四五六七八九十]+条)?"
                       r"(?:に|では|には)あ(?:る|った|ります|りました)(?=ので|から)")
_STATED_FLAT = re.compile(r"[^。？?]*?(?:(?:ものと|ことと|と)され(?:る|ている)"
                          r"|(?:もの|こと)とする)。")
# what follows a document's name: what it says (規程だと…, 規程上は…) or a part of it (FAQの
# 育児休業の項目, マニュアルにある…の章)
_AFTER_NAME = (r"(?:第?[0-9一二三四五六七八九十]+条)?"
               # (規程上、…が必要なんですよね: 上 then a comma, never 規程上の…)
               # (規程じゃ廃棄は焼却が原則って聞いた, 規程やと…)
               r"(?:(?:だと|では|じゃ(?![なあ])|やと|上は|(?P<aside>上)(?=[、,])|によると|によれば"
               # (規程どおり修正テープで訂正して)
               r"|どおり|通り)"
               r"(?:ね|さ)?[、,\s]*"
               r"(?P<said>[^、。？?]{2,30})|(?:の|にある|に載って(?:い|る|た)*|で)[、,\s]*"
               r"(?P<section>[^、。？?]{2,24}?)(?:の|って)?(?:項目|章|(?<!条)項|節|ところ|とこ|欄|ページ"
               r"|部分|箇所|説明(?!し(?:ます|ました|たい|て|よう)|する)|記載|規定|Q&A|QA|設問|区分)|(?:にある|に載って(?:い|る|た)*|に書いて(?:ある|る)"
               r"|に定め(?:の|が)?(?:ある|られ(?:た|て(?:い|る)*))|[にで]定める"
               r"|で義務(?:づけ|付け)られ(?:た|て(?:い|る)*)"
               r"|に(?:出て|記載されて|記載の|掲載されて|掲載の|書かれて)(?:い|る)*"
               r"|で(?:定め|決め|指定さ|認め|許可さ|案内さ|説明さ|紹介さ)(?:られ|れ)?(?:た|て(?:い|る)*)|で決ま(?:った|って(?:い|る)*))"
               r"[、,\s]*(?P<topic>[^、。？?]{2,24}?)(?:の?(?:手順|方法|手続き?|流れ|[一-龥]{0,2}方)|って|は"
               r"|について|に関して|を(?:教|ご教示|確認)|で[、,])"
               # 「FAQで通勤手当の距離区分ってどう書かれてましたっけ」
               r"|(?:で|に|の)(?P<put>[^、。？?]{2,24}?)(?:って|は)(?:どう|何て|なんて)(?:書|定め|なって)"
               # 「規程の廃棄方法のうち、焼却処分を選ぶとき」
               r"|の[^、。？?]{0,12}?(?:方法|種類|区分|期間)のうち[、,\s]*(?P<member>[^、。？?を]{2,12}))")
# what a named 条 is said to hold: 規程の第七条で決められている持出し制限の内容, 第三条に書いてある
# 廃棄の手順, 第四条に定める、…の手続き
_ARTICLE_NO = (r"の?第?[0-9一二三四五六七八九十百]+条(?:の[0-9一二三四五六七八九十]+)?"
               # a part of it: 第八条のただし書き, 第七条第2項
               r"(?:の?(?:ただし書き?|但し書き?|本文|前段|後段)"
               r"|の?第?[0-9一二三四五六七八九十]+項(?:第?[0-9一二三四五六七八九十]+号)?)?")
_IN_ARTICLE = (_ARTICLE_NO + r"(?:に|で|では|には)?"
               r"(?:書いて(?:ある|る|あった)|書かれて(?:いる|る|た)|定め(?:る|られて(?:いる|る)|られた|てある|ている|た)|決め(?:られて(?:いる|る)|られた)"
               r"|規定(?:されて(?:いる|る)|された|される|する)|ある|載って(?:いる|る)"
               r"|[一-龥]?[ぁ-ん]{1,3}ことになって(?:いる|る))[、,\s]*"
               r"(?P<said>[^、。？?]{2,30}?)(?:の?(?:内容|手順|方法|手続き?|流れ|やり方|要件|基準|役割|権限)"
               r"|について|って(?!い))"
               # or the other way round: 第六条では、訂正には課長の公印が必要と書いてある
               # (…規程第六条も、訂正には…二人の印が要るんですよね: the same said of a 条)
               r"|" + _ARTICLE_NO + r"(?:で|では|には|に|も|だと|により|によって|によれば|に曰く"
               r"|曰く|にいわく|いわく"
               # (第六条の訂正方法は、…やり方でしたよね)
               # (第十条の持出しの制限、…OKって書いてありますよね: a noun before the comma, not
               # 第三条の起案について、 or 第六条の訂正のやり方で、)
               r"|の[^、。？?]{1,8}?(?:は|って)|の[^、。？?]{0,7}?[一-龥ァ-ヶー][、,]"
               # (第三条の起案の要件に、…が入っていますが)
               r"|の[^、。？?]{1,10}?(?<![たるいし])に(?=[、,]))"
               r"[、,\s]*(?P<stated>[^。？?]{2,40}?)(?:(?:と|って)(?:書いて|書かれ|定め|決め|決ま|規定|され"
               r"|なって|あり|ある|あっ|聞)|(?:が|は)(?:決ま|定め|書いて|義務(?:付|づ)けられ)"
               # (…と課長の事前承認が入っていますが: what the 条 holds, stated as the ground)
               r"|(?:が|も)(?:入って|含まれて)(?:い|お)?(?:ます|る)(?:が|けど|けれど|よね|から|ので)"
               r"|ことになっ[てと]"
               # (…総務課長であるとのこと: heard)
               r"|との(?:こと|話)"
               # (…庁外に持ち出せる、という理解です: the asker's reading presumed)
               r"|[、,]?(?:という|との|と)理解"
               # (…持出しはOKになってますよね, 修正液による訂正も認められている)
               r"|(?<=OK|可能|必要|不要|自由)にな(?:って|っと)"
               # (not asked: …の中間が許されるんですか)
               r"|(?:が|も|は)(?:認められ|許され|許可され)(?!(?:る|ます)(?:ん|の)?(?:です|でしょう)?か)"
               r"|(?:ん|の)(?:だった|だ|です|でした)?(?:よね|っけ|でしょ)"
               # (…保存期間五年以上の文書だけでしたよね)
               r"|(?:でした|だった)(?:よね|っけ|でしょ)"
               r"|(?:やり方|方法|こと|決まり|ルール|手順)(?:でした|です|だった|だ)?(?:よね|っけ|でしょ)"
               # a rule stated as the ground of what follows (…公印を押す決まりなので、…)
               r"|(?<=[うくぐすつぬぶむる])(?:決まり|ルール|規則)(?:なので|なんで|だから|ですから|だし"
               r"|になって|となって)"
               # (…に曰く、…焼却すべしと。)
               r"|(?<=[しるいた])と(?=[。]))"
               # a premise cited flat, as by law (大前提：規程第八条により、…で保管する。)
               r"|" + _ARTICLE_NO + r"(?:により|によって|によれば)[、,\s]*"
               # (…市長の決裁を要するところ、: an order's recital)
               r"(?P<flat>[^。？?]{2,40}?(?:する|される|しなければならない|である))(?=。|ところ[、,])"
               # or noted with a colon (【付箋2】規程第二条：各課で収受印を押す)
               r"|" + _ARTICLE_NO + r"\s*[:：]\s*(?P<noted>[^。？?【]{2,40}?[うくぐすつぬぶむる])"
               r"(?=[。\s【]|$)"
               # or made the subject of what it allows, the reason asked (第六条が、修正液による訂正
               # を認めている理由を述べよ)
               r"|" + _ARTICLE_NO + r"(?:が|は)[、,\s]*(?P<granted>[^。？?]{2,30}?)を"
               r"(?:認めて|許して|許容して|定めて|求めて|義務(?:付|づ)けて)(?:い)?る"
               r"(?=理由|根拠|趣旨|意味|背景|の(?:は|が)|ので|から)")
# a 条 named by its subject: 収受について定めた第十条, 第八条の廃棄の方法, 持出しの制限って規程の
# 第三条 (the subject's first term is judged)
_ARTICLE_SUBJECT = re.compile(
    r"(?P<about>[^、。？?]{2,20}?)(?:を|について|に関して|に関する)(?:定め|規定し|決め)"
    r"(?:た|ている|てる|る)[^、。？?]{0,12}?" + _ARTICLE_NO
    + r"|" + _ARTICLE_NO + r"(?:の|にある|で定める|に定める)(?P<of>[^、。？?（(]{2,16}?)"
    r"(?:の?(?:方法|手順|手続き?|内容|規定|ところ|部分|やり方)|について|って|[（(]|で[、,])"
    r"|(?P<called>[^、。？?]{2,16}?)って[^、。？?]{0,6}?" + _ARTICLE_NO
    # a statement with its 条 cited in brackets: 廃棄には市長の承認を要する（文書取扱規程第九条）
    # (not a 条 labelled by its number: 持出しの制限の条（第十条）)
    + r"|(?P<cited>[^、。？?「『（(]{2,40}?)(?<!条)[（(][^）)]{0,20}?" + _ARTICLE_NO + r"[）)]"
    # what is said before the 条 that says it: …へ移管すると規程第９条にありますが
    # (関西: 係長の認印も要るて第三条に書いてありますやろ)
    + r"|(?P<before>[^、。？?]{2,40}?)[、,]?(?:と|って|(?<=[るたや])て)[、,]?[^、。？?]{0,6}?"
    + _ARTICLE_NO
    + r"(?:に|で)(?:あり|ある|書いて|書かれ|定め|規定|決ま"
    # (…の五点だと第三条で覚えたんですが)
    r"|覚え|習っ|教わ)"
    # what the 条 is said to require (「起案理由書」の添付が第三条で義務になっている)
    + r"|(?P<duty>[^、。？?]{2,40}?)(?:が|は)[^、。？?]{0,4}?" + _ARTICLE_NO
    + r"(?:で|に|により|によって)(?:義務|必須|必要(?:と|に)|禁止)"
    # (…上から書くのが第六条の定めと聞き及びまする)
    + r"|(?P<rule>[^、。？?]{2,40}?)(?:の|こと)が" + _ARTICLE_NO
    + r"の?(?:定め|決まり|規定|ルール|趣旨)"
    # what is said after the 条 that says it: 第九条のとおり、…, 第五条にいわく、…
    + r"|" + _ARTICLE_NO
    + r"(?:の(?:とおり|通り|どおり|定めどおり|定め通り)|に(?:いわく|曰く)|\s*:)[、,\s]*"
    r"(?P<after>[^、。？?！!]{2,40}?)(?:こと|と[、,。]|[、,。！!]|$)")
# a presumption at the end of what is said (…廃棄できますよね, …だったっけ, …のはず)
_SURE_OF = re.compile(r"よね|よな(?!ら)|でしたね|でしょ(?!うか)|だろ(?!うか)|じゃろ(?!うか)|っけ"
                      r"|はず")
# a question that presumes what it says the document says: 「規程だと…んだよね」「…でよかったっけ」
_PRESUMING = re.compile(_SURE_OF.pattern + r"|と思"
                        r"|けど|けれど|から[、,]|ので[、,]|んだ|やん|やろ|じゃん"
                        # (精算期限は帰庁後三十日以内と理解しています)
                        r"|と(?:理解|認識|把握|承知)し")
# a quote that is not someone's words (「家族の所得を教えて」と言われた)
# (「…」と強い口調で詰め寄られ: the manner of saying may come between)
_NOT_SAID = (r"[」』］\]](?!\s*(?:と|って)(?:[^、。「」]{0,4}?|[^、。「」]{0,8}?(?:口調|声|剣幕"
             r"|態度|調子|勢い|様子)で"
             # (「…」とお客さんに詰め寄られた: who said it between)
             r"|[^、。「」]{0,8}?(?:さん|様|者|員|長|客|人)(?:に|から|が))"
             r"(?:言|いわ|おっしゃ|仰|聞|きか|頼|相談|問|照会|電話|尋ね|怒|叫|迫|求め|要求"
             r"|詰め寄|指示|命じ"
             r"|せが|催促|脅|抗議|苦情|文句|愚痴|ぼや|わめ|責め|信じ|思い込|思って|考え)"
             # 「提出した書類を紛失された」という住民の苦情: someone's complaint, not the document's
             # a habit of one's own (…時代の「…」がなかなか抜けなくて)
             r"|\s*(?:が|という|って)[^、。「」]{0,6}?(?:抜けな|抜けませ|口癖|癖)"
             r"|\s*(?:という|との)[^、。「」]{0,8}?(?:苦情|意見|相談|問い?合わせ|要望|声|電話|メール"
             r"|手紙|投書|クレーム|質問|議論|話題|話|語|言葉|単語|用語|表現|言い回し"
             # another body's position (県庁では「…」という整理でした)
             r"|整理|運用|解釈|考え方|見解|方針)"
             # the asker's own writing: 「税務課からのお知らせ」の原稿, 「…」と注意喚起を書きたい
             r"|\s*の(?:原稿|見出し|タイトル|件名|文案|記事|チラシ|ポスター)"
             # a title of one's own article (「USBメモリを使うときの注意」を特集します)
             r"|\s*を(?:特集|テーマに|題材に|記事に)|\s*(?:という|との)(?:特集|記事|コーナー|テーマ|題)"
             r"|\s*について(?:話す|話し|講演|発表|講義|書く|書き)"
             r"|\s*(?:と|って)[^、。「」]{0,6}?(?:書きたい|書こう|書く|注意喚起|呼びかけ|周知し|掲載し"
             r"|載せ"
             # or to say (子どもたちに「…」と話したい, 「…」を紹介したい)
             r"|(?:話し|伝え|教え|言い|説明し|紹介し)たい|(?:話そ|伝えよ|教えよ)う)"
             r"|\s*を(?:紹介|説明)し(?:たい|よう)"
             # or not to be written (BCPの文案に「…」とは書けないので)
             r"|\s*(?:とは|って)(?:書け|言え|載せられ)(?:ない|ませ)"
             # a label on a screen: 「続行」ボタン, 「続行」を押して
             r"|\s*(?:ボタン|を押|をクリック|をタップ|と表示|って表示|が表示|と出|って出|とだけ出"
             r"|とだけ表示|とだけ返"
             r"|(?:という|との)(?:表示|メッセージ|警告|画面|ダイアログ|エラー))"
             # a headline (「VPN、自宅から接続できず」――…)
             r"|\s*(?:――|—|─)"
             # words to address someone by (「ご主人様」「奥様」と呼びかける)
             r"|(?:\s*[「『][^」』]{0,20}[」』])*\s*(?:と|って)[^、。「」]{0,4}?(?:呼(?:ぶ|び|ば|べ|ん)"
             r"|声を?かけ)"
             # a riddle's two words (『AI』とかけて『新人』ととく)
             r"|\s*と(?:かけ|掛け|とく|解く)"
             # one's own work labelled (5Sの「整頓」として書庫の置き方を見直しています)
             r"|\s*として[^、。「」]{0,12}?(?:見直し|取り組|進め|実施し|活動し|点検し)"
             # a label on a paper: 「部外秘」と朱書きされた文書
             r"|\s*(?:と|って)(?:だけ)?(?:朱書き|赤字で|書かれ|記載され|押され|印字され|スタンプ)"
             # a reviewer's comment (「…」と差戻しコメントが付きました)
             r"|\s*(?:と|って)(?:だけ)?[^、。「」]{0,6}?(?:コメント|付箋|所見)(?:が|を)?"
             r"(?:付|つ|入|書|あ|され|もら|返)"
             # the asker's own words, regretted (係内で「私物のUSBメモリも可」と説明して
             # しまいました)
             r"|\s*(?:と|って)[^、。「」]{0,6}?(?:してしまい|してしまっ|しちゃ|えてしまい|えてしまっ)"
             # a practice handed down, hearsay (「…でOK」で回ってきた, 「…」と引き継がれてきた)
             r"|\s*(?:と|って|で)[^、。「」]{0,8}?(?:回って(?:き|く)|引き継が|申し送ら|受け継が"
             r"|伝わって|伝えられ))")
# a screen's words quoted (確認画面、無視して「続行」で大丈夫？): what the screen says, not the
# document (a quote after the sentence's end is judged again)
_ON_SCREEN = re.compile(r"(?:画面|ボタン|ダイアログ|ポップアップ|メッセージ|警告)[^。？?！!]*$")
# a theme the asker works on, quoted (班のワークで「窓口での第一声」を考えています)
_TAKEN_UP = re.compile(r"\s*(?:を|について)(?:テーマに|題材に|議題に)?(?:扱[いうえ]|取り上げ|話し合"
                       r"|議論|考えて(?:い|お)|検討して(?:い|お)"
                       # (新人向けに「パソコンのしおり」を作ってます)
                       r"|作って(?:い|ま|お)|作成して(?:い|お)|作り(?:たい|ます))")
# a label the asker gives what follows: a theme, a title (テーマは『…』)
_LABELLED = re.compile(r"(?:テーマ|タイトル|題名|お題|議題|演題|企画名|コーナー名?)"
                       r"(?:は|が|[:：、])?\s*$")
# (［Q. …］ copied from a screen: [Q. …] once NFKC)
# (a question quoted for a 想定問答 — 問「…」, Q「…」 — is someone's words too)
# (a tag in capitals, [WARN] [QUESTION] of a log or a template, quotes nothing)
_OPEN = r"(?<![問QＱ])(?:[「『]|[［\[](?![A-Z0-9_ ]+[］\]]))"
_QUOTED = re.compile(r"(?<!ネーム)" + _OPEN + r"([^」』］\]]{2,20})" + _NOT_SAID)
# a longer quote of what the document says, judged like an asserted clause
_QUOTED_LONG = re.compile(_OPEN + r"([^」』］\]]{21,60})" + _NOT_SAID)
_TERM = re.compile(r"[一-龥々ァ-ヶーA-Za-z]{2,}(?:・[一-龥々ァ-ヶーA-Za-z]{2,})*")
# a clause named as what the document says: 「…という条項」「…って決まり」
_SO_CALLED = re.compile(r"(?:という|って|との)(?:条項|条文|規定|定め|ルール|決まり|記載|一文|文言"
                        r"|箇所|くだり|例外|特例|部分|ところ)"
                        r"|(?<=[るたい])(?:特例|例外)(?=が|は|って|も)"
                        # …への罰則を定めた条文がありますよね
                        r"|を(?:定め|規定し)た(?:条文|条項|規定|定め)(?=が|は|って|も)")
# another body, its practice told before an office (水道局では, 県庁のときは, 前の職場だと)
_OTHER_BODY = re.compile(r"(?:[一-龥ァ-ヶー]{1,6}(?:局|庁|省|会社|事務所|県)|前の職場|前職|民間)"
                         r"(?:で|では|だと|のとき(?:は)?|の時(?:は)?|にいた(?:とき|頃)(?:は)?)[、,\s]*")
# a rule of another place presumed to hold here: 前の市では…があったけど、ここの規程でも同じ？
_ELSEWHERE = re.compile(r"(?:前の|以前の|他の|よその|元の|前にいた)"
                        r"(?:市|町|村|自治体|職場|役所|県|区|事務所|会社|勤め先|勤務先)"
                        r"(?:で|では|だと)[、,\s]*(?P<rule>[^。？?]{2,40}?)"
                        r"(?:けど|けれど|が[、,]|ので|んですが|のですが|んだが)")
_SAME_HERE = re.compile(r"(?:でも|も)[^。？?]{0,6}?(?:同じ|同様|一緒|そう)")
_KANJI = re.compile(r"[一-龥々]+")
_DOCUMENT_KIND = re.compile(r"FAQ|規程|規則|要綱|要領|条例|マニュアル|手引|通知", re.I)
# what the document says about something, asked: …についてどのように書かれていますか
_ASKS_HOW_WRITTEN = re.compile(r"(?:について|に関して|は|とか|なんか|など)[、,]?"
                               r"(?:どう|どのよう|どんな|何と|なんと|何て"
                               r"|なんて|何か|なにか)")
# a question word, not one of any (誰の許可も, 何年でも)
_ASKED_WORD = re.compile(r"(?:どう|どの|何|いつ|誰|どこ|どれ|いくら)"
                         r"(?![^、。？?]{0,6}?(?:でも|も))")
# how it is written asked after the clause (…タイミングなど、どのように書かれていますか)
_HOW_WRITTEN_AFTER = re.compile(r"[、,\s]*(?:どう|どのよう|どんなふう|どんな風|何と|なんと)に?"
                                r"(?:書|記載|定め|規定|説明|なって|言って|いって)")
_EXAMPLE = re.compile(r"[^、。？?]{1,12}?(?:のような|のように|みたいな|などの|等の)")
# a verdict alone after 規程上は / 手引きでは, asked for (大丈夫なんでしょうか, OKですか)
_VERDICT = re.compile(r"(?:大丈夫|OK|問題(?:ない|なし)?|可能|ダメ|だめ|NG|アウト|セーフ|いい|よい"
                      r"|良い|許され(?:る|ます)|認められ(?:る|ます))[ぁ-ん]{0,10}$")
# a verdict said of the content (持出しはOKになってる), not a term the 条 must hold
_VERDICT_WORD = re.compile(r"OK|NG|可能|不可|必要|不要|自由|大丈夫|禁止|義務", re.I)
# an act or a thing said to be dispensed with (浄書しなくても, 公印を押さなくてもよい, 承認を得ずに,
# 起案年月日は書かなくてよい, 認印は不要, 許可までは要らない)
# (or a verb of one kanji: 「押さなくてもよい」)
_EXEMPTED = re.compile(r"(?P<act>[一-龥々]{2,}|(?<![一-龥々])[一-龥](?=[さかがたまらわ]なくて))"
                       r"(?:を|は|も|まで(?:は)?)?"
                       r"(?:[一-龥][さかがたなばまらわ]?|し|せ|[さかがたまらわ](?=なくて))?"
                       r"(?:なくても|なくて(?:いい|よい|良い|よろし|OK|可|大丈夫)|ずに|ずとも|は?不要"
                       r"|は?(?:いら|要ら)(?:ない|ん|へん)|を?省略して|を?省いて"
                       # (承認なしで自動的に廃棄される)
                       # (not forbidden: 許可なしに持ち出してはいけない)
                       r"|(?<=[一-龥々])(?:なしで|無しで|なしに|抜きで)(?![^。？?]{0,16}?(?:いけ|なら|だめ"
                       r"|ダメ|駄目|禁止|でき(?:ない|ません)|不可|NG"
                       # (許可なしに文書を庁外に出すなってこと)
                       r"|[うくぐすつぬぶむる]な(?:って|と|[。、」]))))")
# how a rule says an act may be dispensed with
_EXCEPTION = re.compile(r"省略|要しない|この限りでない|不要|除く|除き|例外|ないことができる|代え")
# words any question uses about a rule, not claims about its content
_GENERIC = re.compile(r"(?:方法|手順|手続き?|様式|項目|規定|規程|内容|基準|関係|関連|時期|期限"
                      r"|対処法?|対応|対策|注意点|留意点|ポイント|要点|コツ"
                      r"|場所|窓口|担当|申請|対象|一覧|条文|ルール|ところ|感じ|適用|運用|解釈|趣旨"
                      r"|考え方)$")


# what the asker's own paper or screen shows (速報データを印刷した紙に、納付者の氏名と金額が載って
# います): not what the document says
_OWN_PAPER = re.compile(r"[^、。？?]*(?:紙|用紙|書類|画面|伝票|帳票|控え|コピー|写し|リスト|一覧表?"
                        # (古い台帳の表紙に『永年』と書いてありますが)
                        r"|表紙|背表紙|ラベル|付箋"
                        r"|封筒|はがき"
                        r"|ハガキ|(?:報告|申告|申請|届出|証明|通知|請求|納付)書|調書|台帳|名簿)"
                        # (…の封筒、住所氏名が載っているので)
                        r"(?:(?:に|には)[、,]?|[、,])[^。？?]{0,30}?"
                        r"(?:載って|書いて|記載されて|印字されて)(?:い|あり|あ)?"
                        r"(?:ます|る)(?:が|けど)?[。、,]?")
# a word naming a document or its 条, which makes a sentence the document's
_DOCUMENT_WORD = r"(?:規程|規則|要綱|要領|条例|マニュアル|手引|FAQ|第[0-9一二三四五六七八九十]+条)"
# words quoted from another paper (自己点検票に『…を説明できる』とあるのですが)
_PAPER_QUOTED = re.compile(r"(?:票|書|シート|リスト|用紙|ポスター|掲示|メール|通知|チラシ|テキスト)"
                           r"(?:に|には)[、,]?[「『][^」』]{0,60}[」』]"
                           # or a memo's or a note's, citing no document (前任者のメモに「廃棄→
                           # 総課長OK要」とあります)
                           # (or a send-back comment's: コメントに「前回の指示を無視して…」)
                           r"|(?:メモ|付箋|走り書き|ノート|手帳|ホワイトボード|コメント|朱書き|備考)"
                           r"(?:欄)?(?:に|には)[、,]?[「『]"
                           r"(?![^」』]*" + _DOCUMENT_WORD + r")[^」』]{0,60}[」』]"
                           # or a title of one's own (自由研究「文書の一生」)
                           r"|(?:研究|テーマ|題名|タイトル|件名|講座|特集|論題)】?[:：]?[「『][^」』]{0,40}[」』]"
                           # or a word miswritten as another in one's own paper (誤字（「賦課」が
                           # 「付加」）)
                           r"|[「『][^」』]{1,12}[」』]\s*(?:が|を)\s*[「『][^」』]{1,12}[」』]"
                           # or one's own draft pasted to be checked (この書き出しで大丈夫で
                           # しょうか。『本日14時ごろ、…』)
                           r"|(?:書き出し|文面|文案|下書き|原稿|草稿|ドラフト)[^「『」』]{0,24}?"
                           # (not a draft that cites a document: 『FAQのとおり、…』)
                           r"[「『](?![^」』]*" + _DOCUMENT_WORD + r")[^」』]{0,120}[」』]"
                           # or one's own result (健康診断の結果が「要再検査」でした)
                           r"|(?:結果|判定|診断)(?:は|が)[:：、,]?[「『][^」』]{0,40}[」』]\s*"
                           r"(?=でした|だった|と出|と判定|と書かれ|と言われ|になり|になっ)")
# what a paper of the asker's holds, said in a sentence naming no document (…メールを印刷して
# いました。氏名と住所が載っているので、…)
_OWN_LISTED = re.compile(r"(?:^|(?<=[。！!？?\n]))(?![^。？?！!、]{0,30}?" + _DOCUMENT_WORD + r")"
                         r"[^。？?！!、]{0,30}?が(?:載って|書いて|記載されて|印字されて)(?:い)?る"
                         r"(?:ので|から|のに|けど)[、,]?")
# a chapter of something the asker studies, quoted by its title with no document of ours before it
# (秘書検定の勉強で「来客・電話の取次ぎ」の章をやっている): a title, not a claim
_STUDIED_CHAPTER = re.compile(r"(?:^|(?<=[。！!？?\n]))"
                              r"(?:(?!" + _DOCUMENT_WORD + r")[^。？?！!「『])*"
                              r"[「『][^」』]{1,30}[」』]の(?:章|節|単元|講義|回)")
# the usual choices, left open, that a question weighs (一年・三年・五年…のどれにするかは何を基準
# に): asked among, not said to be any document's (a closed list — 一年・三年・七年のどれに — is)
_CHOICES_ASKED = re.compile(r"[^、。？?]{0,40}?(?:…+|‥+|\.{2,}|など|等)(?:の|から)"
                            r"(?:どれ|いずれ|どちら)(?:に|を)(?=する|選|決め)")
# the asker's label at the head ((税務課・30代・女性)): who asks, not what the document says
_PROFILE = re.compile(r"^\s*\([^()]{1,30}\)")
# the words of a prompt-style heading (#前提 …, ■課題 …)
HEADING_WORDS = r"(?:前提|目的|条件|質問|出力|背景|補足|形式|依頼|課題|確認したいこと|状況|要望)"
# a heading ends what came before it, like a full stop
_HEADING_MARK = re.compile(r"\s*[#■]{1,3}\s*" + HEADING_WORDS + r"\s*")
# a bracketed heading telling the asker's hurry (【引継ぎまで残り1時間】): its figures are the
# asker's clock, no rule's
_SITUATION_HEADING = re.compile(r"【[^】]{0,20}(?:残り|あと|まで|締切|締め切り|〆切|至急|急ぎ|緊急)"
                                r"[^】]{0,20}】")
# what was the rule where the asker worked before (前職のコールセンターでは「…」が鉄則でございました
# が): not what the document says
_FORMER_PLACE = re.compile(r"(?:前職|前の職場|前の会社|以前の職場|民間時代"
                           # (派遣先には「電話は3コール以内」というルールがありました)
                           r"|派遣先|出向先|前任地|前の部署|前の勤務先|異動前の[一-龥]{1,4}"
                           # (言語聴覚士の頃は「…」が基本でした: a former trade)
                           r"|[一-龥ァ-ヶー]{2,8}(?:の頃|だった頃|時代)(?:は|に|には)"
                           # (醸造所では「…」が鉄則でした: a workplace's rule, told as past)
                           r"|[一-龥ァ-ヶー]{1,8}(?<!役)(?<!当)(?:所|場|店|工房|蔵|社)(?:では|だと)"
                           r"(?=[^。？?]{0,40}?(?:でした|だった)))"
                           r"[^。？?]{0,40}?"
                           r"(?:でした|だった|でございました|ですが|だったが|(?:が|も)(?:ありました|あった))"
                           r"(?:が|けど)?[、,]?"
                           # or a section's way there, told as done then, naming no document
                           # (協働課では苦情も「市民の声」として大事にしていました)
                           r"|[一-龥ァ-ヶー]{1,8}(?:課|係|室|センター|支所)では"
                           r"(?![^。？?]{0,60}?" + _DOCUMENT_WORD + r")[^。？?]{0,60}?"
                           r"(?:ていました|てました|ていた|でした|だった)(?:が|けど)?[。、,]?"
                           # or another institution's way, told as done there (法務局では誤記が
                           # あれば「補正」で…直してもらっていました)
                           # (or another trade's: 音響の現場では「…」が基本でした)
                           r"|(?:[一-龥ァ-ヶー]{1,8}(?:局|署|庁|省|銀行|会社|病院|学校)|前の[一-龥]{1,4}"
                           r"|(?:[一-龥ァ-ヶー]{1,8}の)?(?:現場|業界))"
                           r"では[^。？?]{0,60}?(?:ていました|てました|ていた|てた|でした|だった"
                           # (前の課ではBCPで「…」と教わったんですが)
                           r"|と(?:教わ|習)(?:った|いました|りました)(?:んです|のです)?)"
                           r"(?:が|けど)?[。、,]?")
# the asker's own habit (査定の仕事では「払えない理由」を先に確認するのが癖でして。): not what the
# document says
_OWN_HABIT = re.compile(r"[^。？?！!]*(?:のが|のは)(?:癖|クセ|習慣|習い性)"
                        r"(?:でして|で(?=[、,。])|なんです"
                        r"|なので|になって(?:い)?(?:て|まして|ます))[^。？?！!]*[。！!]?")
# how words go in another field, a sentence naming no document (手話では「苦情」と「相談」は表現が
# 違うんです。): not what the document says
_OTHER_WORDING = re.compile(r"(?:^|(?<=[。！!？?\n]))"
                            r"(?![^。？?！!]*" + _DOCUMENT_WORD + ")"
                            r"[^。？?！!]*(?:表現|言い方|呼び方|書き方|用語|単語|手話|読み方|訳し方|言葉)(?:が|は)"
                            r"(?:違|異な|別)[^。？?！!]*[。！!]?")
# the asker's own state (書類の持出しには神経質になっています): not what the document says
_OWN_STATE = re.compile(r"[^、。？?！!]*(?:神経質|慎重|心配性|敏感|臆病|不安|心配|苦手|気"
                        r"|真っ白|パニック|緊張)"
                        r"(?:に|と)(?:なって|なっちゃって|なりがち)[^。？?！!]*[。！!]?")
_LIKE = r"(?:みたいに|のように|みたいな|のような)"
# an encyclopedia's tag the asker borrows ([要出典], [citation needed]): no quote
_WIKI_TAG = re.compile(r"[［\[](?:要出典|要検証|独自研究\??|要ページ番号|誰\?|いつ\?|どこ\?"
                       r"|citation needed|who\?|when\?)[］\]]", re.I)
_SHORT_QUOTE = r"[「『][^」』]{0,40}[」』]"
# a quote given as a likeness, before or after (冷蔵庫の食材みたいに「…」, 「更正」のような感覚で),
# or as a manner of one's own (「食材ごとに日持ちが違う」感覚で覚えたい), or as another trade's word
# (登記でいう「更正」)
_LIKENESS = re.compile(_LIKE + r"\s*" + _SHORT_QUOTE
                       # the asker's own pastiche (遺言書風に一筆。「遺言者は、…」)
                       + r"|(?:風|ふう|調)に(?:一筆|書くと|書けば|書いてみると|まとめると|言うと"
                       r"|言えば)[。、,:：]?\s*[「『][^」』]{0,80}[」』]"
                       + r"|" + _SHORT_QUOTE + r"(?=\s*(?:" + _LIKE + r"|的な|っぽい"
                       r"|(?:の)?(?:感覚|イメージ|気持ち|つもり|ノリ|要領|調子)で))"
                       r"|(?:でいう|で言う|でいえば|で言えば)" + _SHORT_QUOTE)
# a likeness at a sentence's head, set off by a comma (下塗りの後に上塗り、みたいに起案→決裁→施行
# って順番が…): another trade's order, not the document's; a clause naming a document is no
# likeness (規程みたいに、…)
_LIKENED_HEAD = re.compile(r"(?:^|(?<=[。！!？?\n]))\s*"
                           r"(?![^。？?！!「」『』、,]*" + _DOCUMENT_WORD + ")"
                           r"[^。？?！!「」『』、,]{1,30}?(?:[、,]\s*(?:みたいに|みたいな)[、,]?"
                           r"|(?:みたいに|みたいな)[、,])")
# a sentence with a quote, then likened to what is asked (溶接は最初に「やっちゃいけない姿勢」を
# 叩き込まれる。同じ要領で、…): the other trade's words, no rule's
_LIKENED_BEFORE = re.compile(r"[^。？?！!]*" + _SHORT_QUOTE + r"[^。？?！!「」『』]*[。！!]\s*"
                             r"(?=(?:それと|これと)?(?:同じ要領で|同じように|同じ感覚で|同様に"
                             r"|同じく|同じ(?:理屈|考え方)で))")
# a saying quoted and said not to serve here, or named as a saying (「石の上にも三日」で決める
# わけにもいかない, 「ときめかないものは手放す」が通じない, 「急がば回れ」ということわざ): no rule's
# words
_SAYING = re.compile(_SHORT_QUOTE + r"\s*(?:(?:で|では|じゃ|に|を)?[^、。？?！!「」『』]{0,8}?"
                     r"(?:わけに(?:は|も)いか|とは(?:いか|なら)(?:ない|ず|ん))"
                     r"|(?:が|は|も|って)?(?:通じ|通用し)(?:ない|ません|ず)"
                     r"|(?:で|では|じゃ)(?:済ま|すま)(?:ない|ず|ん)"
                     r"|(?:と|って)(?:いう|言う)?(?:ことわざ|諺|格言|故事|慣用句|標語"
                     # (the asker's own slogan: 「その一枚、捨てる前に、裁断を。」というコピーで)
                     r"|コピー|キャッチコピー|キャッチフレーズ|スローガン|合言葉|掛け声|モットー))")
# the asker's own lines, to be said or put in (新採に「…」と話すつもり, 「…」という注意書きを
# 入れたい), a survey's item being answered (「仕事のコントロールができる」の設問で), or a quip
# (あるある「書庫の場所がわからない新人」), or the title of a leaflet one was handed (保育園で
# もらってきた「個人情報を守ろう」のお便り): none of them the document's
_OWN_LINES = re.compile(
    _SHORT_QUOTE + r"\s*(?:(?:と|って)(?:話す|話そう|言う|言おう|伝える|伝えよう|説明する|書く"
    r"|挨拶する)"
    r"(?:つもり|予定|と思|ことに)"
    r"|(?:という|って|との)?(?:注意書き|文言|一文|文|見出し|標語|一言)?を?(?:入れ|載せ|加え|書き足|追加し)"
    r"(?:たい|よう|ようと)"
    r"|の設問"
    # (「この案件ならこの人まで」という線引き: the asker's notion)
    r"|(?:という|って|みたいな)(?:線引き|考え方|イメージ|感じ|発想|区切り|目安))"
    r"|あるある[:：、\s]*" + _SHORT_QUOTE + r"|" + _SHORT_QUOTE + r"\s*(?:って)?あるある"
    r"|" + _SHORT_QUOTE + r"\s*(?:という|との|って)?の?(?:お便り|おたより|便り|チラシ|ポスター"
    r"|パンフ(?:レット)?|リーフレット|回覧|通信|ニュースレター|記事|見出し|特集)")
# papers of a class from before (昔の永年の文書, 旧規程の二十年保存の簿冊): what they were, no claim
# on the rule now
_FORMER_CLASS = re.compile(r"(?:昔|以前|旧|かつて|過去|旧規程)の[^、。？?]{0,4}?(?:永年|" + _NUMERAL
                           + r"\s*" + _UNIT + r")(?:保存)?の?(?:文書|簿冊|書類|台帳|分)")
# an example of what is left out (それ以外の年数（たとえば二年）を…決めることはできない): not said
# to be in the rule
_EXCLUDED_EXAMPLE = re.compile(r"(?:(?<=以外)|(?<=ほか)|(?<=他))(?:の[^、。？?（(]{1,10}?)?[（(]"
                               r"(?:たとえば|例えば|例[:：]?|e\.g\.)[^）)]{1,20}[）)]")
# views quoted as a side's (「…一切出せない」派と「…許可があれば出せる」派): neither is said
_SIDES = re.compile(r"[「『][^」』]{1,60}[」』]\s*(?:派|説|側|陣営|という意見|との意見)")
# a person's words quoted as theirs (課長の指示は「理由を確認して修正のうえ再提出」です): not the
# document's
_WORDS_OF = re.compile(r"(?:(?:課長|係長|部長)(?:補佐|代理)?|主任|主査|上司|先輩|同僚|決裁者|担当者"
                       r"|[一-龥]{1,4}さん)(?:から)?の(?:指示|コメント|言葉|指摘|返事|返答|回答|口癖"
                       r"|差し?戻し(?:の)?(?:理由|コメント))(?:は|が|も)?[:、,\s]*"
                       + _SHORT_QUOTE)
# a relative's words quoted, the current rule then asked (親父は「公文書は全部永年保存だ」って言い
# 張るんですが、今の規程では…): theirs, set against it
_KIN_SAID = re.compile(r"(?:親父|オヤジ|おやじ|父親?|母親?|おふくろ|祖父|祖母"
                       r"|じいちゃん|ばあちゃん)"
                       r"(?:さん)?(?:は|が|も|いわく|曰く|の口癖は)?[:、,\s]*" + _SHORT_QUOTE
                       + r"(?=[^。？?]{0,30}?(?:今の|いまの|現在の|現行の?|今は))")
# what a caller or a resident says, quoted after them (相手「課長を出せ」, 住民：「…」): theirs
_SPOKEN = re.compile(r"(?:相手|住民|市民|来庁者|来客|お客|客|納税者|先方|電話口)(?:さん|様)?"
                     r"(?:は|が|から|の)?[:：、\s]*" + _SHORT_QUOTE)
# a question someone put to the asker, quoted (電話で『代表者は今誰になってるのか』と聞かれました):
# what they asked, no claim on a document
_ASKED_OF_ME = re.compile(r"[「『][^」』]{0,40}(?:か|？|\?)[」』]\s*(?:と|って)(?:聞かれ|きかれ"
                          r"|尋ねられ|たずねられ|問われ|質問され|問い合わせ|聞いてこられ|聞いてき)")
# the marks of a tree written in text (├─ 第九条：…, └─ …, → …): each line a statement
_TREE_MARK = re.compile(r"\s*(?:[├└│┣┗┃][─━]*|→)\s*")
# a word spelt out by the phone alphabet (「朝日のア、いろはのイ」): letters, not what is said
# (one katakana letter each: 「焼却のみ」 is no letter)
_SPELLED = re.compile(r"[「『](?:[^」』、,・\s]{1,8}?の[ァ-ヶ][、,・\s]*)+(?:……|…)?[」』]")
# two words offered to choose from (表記は「貸与」ですか「支給」ですか): neither is said
_ALTERNATIVES = re.compile(r"[「『][^」』]{1,20}[」』]\s*(?:です|でしょう|なの)?か[、,\s]*"
                           r"(?:それとも)?\s*[「『][^」』]{1,20}[」』]\s*(?:です|でしょう|なの)?か")
_EITHER = re.compile(r"(?<=[一-龥])(?:or|OR|and|AND|/)(?=[一-龥])")
_FOREVER = re.compile(r"永年|無期限")
FOREVER = (-1, "年")


def _office_unnamed(term: str, text: str) -> bool:
    """The term is an office the text does not name: an office is named exactly or not at all
    (税務課長 ≠ 総務課長, 所属課長 ≠ 総務課長)."""
    return re.fullmatch(_OFFICE, term) is not None and not _names_office(term, text)


# a chief named with no section before it (課長, not 総務課長)
_BARE_CHIEFS = ("課長", "係長", "部長", "室長", "局長")


def _names_bare(chief: str, text: str) -> bool:
    """The text names the chief with no section before it (課長の許可, not only 総務課長の許可)."""
    return re.search(rf"(?<![一-龥]){chief}", text) is not None


def _names_office(office: str, text: str) -> bool:
    """The text names the office, in any of its spellings (所属長 = 所属の課長)."""
    if re.fullmatch(_OWN_CHIEF, office):
        office = "所属長"
    return any(o in text for o in _SAME_OFFICE.get(office, (office,)))


def _unit(raw: str) -> str:
    return ("月" if raw in _MONTHS else "箇所" if raw in _PLACES else "字" if raw == "文字"
            else "種" if raw == "種類" else raw)


def _read(text: str) -> Iterator[tuple[str, tuple[int, str]]]:
    """Each quantity of an NFKC text as (its words, (number, unit)); calendar years left out,
    and counts without a limit."""
    for m in _QUANTITY.finditer(text):
        number = kanji_to_int(m.group(1))
        if number is None or (m.group(2) == "年" and number >= 1900) or (
                m.group(2) in _COUNTS and not _LIMIT.match(text, m.end())):
            continue
        if number == 1 and m.group(2) in ("回", "度") and re.match(r"\s*(?:ごと|毎)",
                                                                 text[m.end():]):
            continue  # 一回ごとに: each time, not a count
        if m.group(2) == "日" and re.search(
                r"(?:毎月|翌月|前月|当月|同月|[0-9一二三四五六七八九十]月)\s*$", text[:m.start()]):
            continue  # 毎月五日まで: a day of the month, not a number of days
        if number == 1 and m.group(2) in ("日", "年") and re.match(
                r"の(?:最後|終わり|締め|うち|始まり|初め|流れ|仕事)|中|じゅう", text[m.end():]):
            continue  # 一日の最後に出す郵便, 一年中: the day or the year, not a period
        if re.search(r"(?:もう|既に|すでに)\s*$", text[:m.start()]) or re.match(
                r"\s*(?:も|ほど|くらい|ぐらい|近く)?(?:止ま|かかっ|かかり|待っ|待た|放置|滞っ|経っ|たっ"
                r"|間違え|まちがえ|誤っ|あやまっ|違っ|ずれ|ズレ)|目", text[m.end():]):
            # the asker's own wait (決裁がもう三週間止まっていて), slip (日付を一日間違えて) or
            # count (異動して三日目), not a rule
            continue
        yield m.group(0), (number, _unit(m.group(2)))
    for m in _RECKONED.finditer(text):
        month, day = (kanji_to_int(g) for g in m.groups() if g is not None)
        if month is not None and day is not None:
            yield m.group(0), (month * 100 + day, "月日")
    for m in _ENGLISH_QUANTITY.finditer(text):
        yield m.group(0), (int(m.group(1)), _ENGLISH_UNIT[m.group(2).lower()])
    for m in _FOREVER.finditer(text):  # a period without end is a period too (永年保存)
        yield m.group(0), FOREVER


def _missing(value: tuple[int, str], held: set[tuple[int, str]]) -> bool:
    """A quantity the texts do not hold; a count of kinds (四種類) only where they state one (a
    list of periods with no 「五種」 is not counted)."""
    return value not in held and (value[1] != "種" or any(unit == "種" for _, unit in held))


def quantities(text: str) -> set[tuple[int, str]]:
    """(number, unit) pairs of a text; kanji and full-width numerals folded."""
    return {value for _, value in _read(unicodedata.normalize("NFKC", text))}


# whether an office's act is needed, asked rather than said (…の許可がいるか, 要るのかどうか)
_NEED_ASKED = re.compile(r"(?:が|は|って|も)?(?:いる|要る|必要|要)(?:なの|になる)?"
                         r"(?:か|のか|んですか|ですか|でしょうか)(?![ら])")


def absent_claim(question: str, document_text: str, names: tuple[str, ...] = (),
                 others: Callable[[], Iterable[str]] | None = None) -> str | None:
    """The first thing the question attributes to the document that its text does not hold
    (the question's own words for it), or None. `names`: the words that name the document and
    its articles in the question, never a claim. `others`: the texts of the other documents the
    caller can see; a quantity one of them holds is a rule of the city misattributed (保存期間の
    五種 recalled, then the FAQ named for another point), not a false premise."""
    if not document_text:
        return None
    # (a quote given as a likeness — 冷蔵庫の食材みたいに「これは何日もつ」って — is no claim;
    # 溶解or裁断 in a memo is 溶解・裁断)
    norm = _ALTERNATIVES.sub("どちらか", _PROFILE.sub("", _HEADING_MARK.sub(
        "。", _SITUATION_HEADING.sub("。", unicodedata.normalize("NFKC", question)))))
    norm = _COUNTED_LIST.sub(r"\1種類", norm)
    for aside in (_WIKI_TAG, _OWN_STATE, _OWN_HABIT, _OTHER_WORDING, _FORMER_PLACE, _PAPER_QUOTED,
                  _OWN_PAPER, _OWN_LISTED, _WORDS_OF, _KIN_SAID, _SPOKEN, _ASKED_OF_ME,
                  _SPELLED, _LIKENED_BEFORE, _LIKENESS, _LIKENED_HEAD, _SIDES, _SAYING,
                  _OWN_LINES, _FORMER_CLASS, _EXCLUDED_EXAMPLE, _STUDIED_CHAPTER,
                  _CHOICES_ASKED):
        norm = aside.sub("", norm)
    norm = _EITHER.sub("・", norm)
    text = unicodedata.normalize("NFKC", document_text)
    text = _item_rows(norm, text) or text
    # (…第十条で持出しには副市長の許可が必要なので: an office's act said to be required, the
    # ground of what is asked next)
    if (_ATTRIBUTED.search(norm) or _RULE_SHAPED.search(norm) or _ASSERTED.search(norm)
            or any(_REQUIRED.match(norm, m.end()) for m in _AUTHORITY.finditer(norm))):
        held = quantities(text)
        elsewhere: list[tuple[set[tuple[int, str]], str]] | None = None
        for words, value in _read(norm):
            if not _missing(value, held):
                continue
            if elsewhere is None:
                elsewhere = _sentences(others()) if others else []
            if not _held_on_subject(value, norm, elsewhere):
                return words
        for m in _AUTHORITY.finditer(norm):
            start = max(norm.rfind(c, 0, m.start()) for c in "、。,？?") + 1
            if _OTHER_BODY.search(norm, start, m.start()):
                continue  # another body's practice told (水道局では局長決裁の範囲が広かった)
            if _DENIED.match(norm, m.end()):
                continue  # an office said not to do (うちの課長の承認ではダメな理由は)
            if _NEED_ASKED.match(norm, m.end()):
                continue  # whether it is needed, asked (総務課長の許可がいるか、…確認したい)
            office = re.sub(r"^(?:みどり市|市の|本市の?)", "", m.group(1) or m.group(2))
            if not _names_office(office, text) or (
                    m.group(1) and not _chief_of_subject(office, norm[start:m.start()], text)):
                return m.group(0) if m.group(1) else office
        if _PRESUMING.search(norm) or _HEARSAY.search(norm):
            some = _only_some(norm, text) or _denied_held(norm, text)
            if some is not None:
                return some
    return _absent_term(norm, text, names)


# words any sentence on documents shares, no subject
_COMMON_TERMS = {"文書", "書類", "規程", "職員", "場合", "必要", "以内", "程度"}


def _sentences(texts: Iterable[str]) -> list[tuple[set[tuple[int, str]], str]]:
    """Each sentence of `texts` as (its quantities, its words with the sentence before it — a
    FAQ's question — okurigana dropped)."""
    read = []
    for text in texts:
        lines = re.split(r"[。\n]", unicodedata.normalize("NFKC", text))
        read += [(quantities(line), _OKURIGANA.sub("", " ".join(lines[max(0, i - 1):i + 1])))
                 for i, line in enumerate(lines)]
    return read


def _held_on_subject(value: tuple[int, str], question: str,
                     sentences: list[tuple[set[tuple[int, str]], str]]) -> bool:
    """Whether another document holds the quantity in a sentence (`_sentences`) on the
    question's subject: one that, with the sentence before it, shares a term with the question
    (持出し, 保存期間), not a figure on another matter (名刺は一週間程度で印刷 for 持出しは一週間
    以内)."""
    terms = {_OKURIGANA.sub("", t) for t in _KANJI.findall(_QUANTITY.sub("", question))
             if len(t) >= 2 and t not in _COMMON_TERMS}
    return any(value in held and any(t in near for t in terms) for held, near in sentences)


def _shares_pair(value: tuple[int, str], question: str,
                 sentences: list[tuple[set[tuple[int, str]], str]]) -> bool:
    """Whether a sentence holding the quantity shares two kanji in a row with the question (its
    subject: 旅費 for 旅費の精算は一週間以内, not 名刺 for 名刺は一週間程度で); keywords typed with
    spaces and run together (公文書 訂正 二本線) still share theirs."""
    pairs = {run[i:i + 2] for run in _KANJI.findall(_OKURIGANA.sub("", _QUANTITY.sub("", question)))
             for i in range(len(run) - 1)} - _COMMON_TERMS
    return any(value in held and any(p in near for p in pairs) for held, near in sentences)


# an item of a FAQ named (FAQの出張旅費の項目では…), and a FAQ's rows (Q. …)
_ITEM = re.compile(r"(?P<item>[一-龥々ァ-ヶー]{2,12})(?:の|に関する)?"
                   r"(?:項目|Q(?![ァ-ヶA-Za-z])|質問|問い|回答欄)")
_FAQ_ROW = re.compile(r"^\s*Q[.．:：]?\s", re.M)


def _item_rows(question: str, text: str) -> str | None:
    """The rows of a FAQ (Q. … lines) whose question holds the item the question names (出張
    旅費の項目 → Q. 出張の旅費はいつまでに…): what is said of the item is judged against those
    rows alone, not against another row that happens to hold the same words (前日 of 公用車).
    None when the text is no FAQ, no item is named, or no row (or every row) holds it."""
    m = _ITEM.search(question)
    if m is None or len(_FAQ_ROW.findall(text)) < 2:
        return None
    rows = [row for row in text.split("\n") if _FAQ_ROW.match(row)]
    mine = [row for row in rows if _held(m.group("item"), re.split(r"\s{2,}|[？?]", row)[0])]
    return "\n".join(mine) if mine and len(mine) < len(rows) else None


def _chief_of_subject(office: str, before: str, text: str) -> bool:
    """A chief named with no section (課長), held by a text that names one only within another
    office (総務課長): where the text's sentences on what the clause is about (訂正 in 訂正は課長
    の認印) name no chief at all, it is not the text's."""
    if office not in _BARE_CHIEFS or _names_bare(office, text):
        return True
    subject = next((t for t in reversed(_TERM.findall(before)) if len(t) >= 2
                    and not _GENERIC.fullmatch(t) and t not in ("規程", "規則", "文書")), None)
    if subject is None:
        return True
    sentences = [s for s in re.split(r"[。\n]", _OKURIGANA.sub("", text))
                 if _OKURIGANA.sub("", subject) in s]
    return not sentences or any(office in s for s in sentences)


# some of a list said to be all (件名と起案者名だけ書いたらええ), and a list a document joins with
# 及び / 並びに (件名、起案者名及び起案年月日)
_ONLY = re.compile(r"(?P<items>[一-龥々ァ-ヶー]{2,12}(?:(?:と|・|、|や)[一-龥々ァ-ヶー]{2,12})*)"
                   r"(?:だけ|のみ)(?!で(?:は|な|も)|じゃ)")
_JOINED = re.compile(r"[一-龥々ァ-ヶー]{2,12}(?:[、・][一-龥々ァ-ヶー]{2,12})*(?:及び|並びに)"
                     r"[一-龥々ァ-ヶー]{2,12}")


# a list and one thing more said to be required (件名・起案者名・起案年月日のほかに、起案者の職員
# 番号も必須)
_ONE_MORE = re.compile(r"(?P<items>[一-龥々ァ-ヶー]{2,12}(?:[、・,と][一-龥々ァ-ヶー]{2,12})+)の?"
                       r"(?:ほかに|他に|以外に|に加えて|と合わせて)[、,]?"
                       r"(?P<extra>[^、。？?]{2,24}?)(?:も|まで)(?:必須|必要|要る|いる|記載|書か|書く"
                       r"|入れ)")


def unattributed_addition(question: str, regulations: dict[str, Callable[[], str]]
                          ) -> tuple[str, str] | None:
    """One thing more presumed required beside a list a regulation joins with 及び (「件名・起案者
    名・起案年月日のほかに、起案者の職員番号も必須だったよね」): every member named, the extra
    none of them and not in the text. Returns (title, the extra) or None."""
    question = unicodedata.normalize("NFKC", question)
    m = _ONE_MORE.search(question)
    if m is None or not (_PRESUMING.search(question) or _HEARSAY.search(question)
                         or _CONFIRMING.search(question)):
        return None
    items = [_OKURIGANA.sub("", i) for i in re.split(r"[、・,と]", m.group("items"))]
    extra = _last_term(m.group("extra"))
    if extra is None:
        return None
    for title, read in regulations.items():
        text = unicodedata.normalize("NFKC", read())
        if extra in _OKURIGANA.sub("", text):
            continue
        if any(all(i in _members(joined) for i in items) for joined in _JOINED.finditer(text)):
            return title, m.group("extra")
    return None


def _members(joined: re.Match[str]) -> list[str]:
    """The members of a list a text joins with 、・及び・並びに, okurigana aside."""
    return [_OKURIGANA.sub("", i) for i in re.split(r"[、・]|及び|並びに", joined.group(0))]


# a term said not to be there (専決はないと聞きました), before what marks it presumed
_DENIED_THERE = re.compile(r"(?P<term>[一-龥ァ-ヶー]{2,8})(?:は|が|も)"
                           r"(?:ない|無い|ありません|存在しない|存在しません|設けられていない|なし)"
                           r"(?=と|って|ん?ですよね|よね|はず)")


def _denied_held(question: str, text: str) -> str | None:
    """A term the question says the document does not have (専決はないと聞きました) that its
    text holds, not itself denied there (専決は行わない): the question's words, or None. Not
    when whether it is true is what is asked (…ないと聞きましたが、本当ですか)."""
    bare = _OKURIGANA.sub("", text)
    for m in _DENIED_THERE.finditer(question):
        term = _OKURIGANA.sub("", m.group("term"))
        if term in _COMMON_TERMS or _GENERIC.fullmatch(term) or term not in bare or re.search(
                r"本当|ほんと|正しい(?:ですか|でしょうか|か)|合って(?:い)?ますか|事実",
                question[m.end():]):
            continue
        if any(re.search(re.escape(term) + r"[^。]{0,10}?(?:ない|せず|しない|行わない|設けない)",
                         sentence) for sentence in bare.split("。") if term in sentence):
            continue
        return m.group(0)
    return None


def _only_some(question: str, text: str) -> str | None:
    """Some members of a list the text joins with 及び, said to be all that is needed: the
    question's words for them, or None."""
    for m in _ONLY.finditer(question):
        items = [_OKURIGANA.sub("", i) for i in re.split(r"と|・|、|や", m.group("items"))]
        for joined in _JOINED.finditer(text):
            members = _members(joined)
            if len(members) > len(items) and all(i in members for i in items):
                return m.group(0)
    return None


def _cores(span: str, names: tuple[str, ...]) -> list[str]:
    """The terms of a span, the document's names blanked and a generic tail (…の方法, …基準)
    cut."""
    for name in names:
        span = span.replace(name, "／")
    # (保存期間の種類及び起算日: two terms, not 種類及)
    span = re.sub(r"及び|並びに|又は|若しくは", "／", span)
    return [_GENERIC.sub("", term) for term in _TERM.findall(span)
            if not term.startswith("何")]  # (何年保存: the question's own word)


def _own_title(m: re.Match[str], question: str) -> bool:
    """A quote that is the asker's own label: given a theme or title before it (テーマは『…』),
    or taken up as what the asker works on after it (「…」を考えています)."""
    return bool(_LABELLED.search(question, max(0, m.start() - 8), m.start())
                or _TAKEN_UP.match(question, m.end()))


def _asked_item(m: re.Match[str], question: str) -> bool:
    """A quoted question (評価シートの「…が周知されているか」という項目), no document named before
    it in its sentence: the asker's checklist asks it, no document is said to; or a quote asked
    whether the document has it (順番は「語先後礼」になっていますか)."""
    if _ASKED_WHETHER.match(question, m.end()):
        return True
    start = max(question.rfind(c, 0, m.start()) for c in "。？?！!\n") + 1
    return m.group(1).endswith(("か", "？", "?")) and not _DOCUMENT_KIND.search(
        question, start, m.start())


_ASKED_WHETHER = re.compile(r"\s*(?:に|と|って)(?:なって|書いて|書かれて|定められて|記載されて"
                            r"|規定されて|明記されて)(?:い|お)?(?:ます|る|あります|ある)?"
                            r"(?:か|でしょうか|の[？?]|[？?])")


# a proviso said to be in the text (「…」という但し書きがありますよね, ただし書きで認められている)
_PROVISO_CLAIMED = re.compile(r"(?:但し書き?|ただし書き?|但書)(?:が|も)?(?:あり|ある|あっ|付い|つい"
                              r"|で(?:認め|許さ|可能|よい|いい|OK))")


_TYPO_QUOTED = re.compile(r"(?:誤字|誤記|誤植|脱字|書き間違い|書き損じ|変換ミス|タイプミス)"
                          r"[（(:：\s]*[「『]"
                          r"|[」』]\s*(?:→|⇒|->)|(?:→|⇒|->)\s*[「『]")


def _absent_term(question: str, text: str, names: tuple[str, ...]) -> str | None:
    """A term of an asserting clause, of the part of the document named, or quoted in 「」『』
    (there two characters are enough: 『永年』), that the text does not hold."""
    # (an exclamation quoted — 次回予告：「制服、サイズが合わない！」 — is someone's cry, not a
    # rule)
    # (nor the asker's own theme or title — 今日のテーマは『無線LANと私物スマホ』 — a label)
    # (nor a typo and its correction — 誤字（「徴集」→「徴収」） — the asker's own words)
    spans = [(m.group(1), 2) for m in _QUOTED.finditer(question)
             if not _ON_SCREEN.search(question, max(0, m.start() - 24), m.start())
             and not _own_title(m, question) and not _TYPO_QUOTED.search(
                 question, max(0, m.start() - 6), min(len(question), m.end() + 2))
             and not _asked_item(m, question) and not m.group(1).endswith(("!", "！"))]
    # a longer quote of what the document says (FAQの「…は月末締め・翌々月払い」ってやつ)
    spans += [(m.group(1), 3) for m in _QUOTED_LONG.finditer(question)
              if not _asked_item(m, question) and not _own_title(m, question)]
    for span, _ in spans:
        # an act a quote says may be dispensed with (規程で「…承認は不要」とされている) that the
        # text requires with no exception
        exempt = _dispensed(span, text)
        if exempt:
            return exempt
    proviso = _PROVISO_CLAIMED.search(question)
    if proviso and not re.search(r"ただし|但し|但書", text):
        return proviso.group(0)  # a proviso said to be there (…という但し書きがありますよね)
    for name in names:  # 規程だと…／FAQの…の項目: what follows the name, to the clause's end
        for m in re.finditer(re.escape(name) + _AFTER_NAME, question):
            said = m.group("said")
            # (presumed at the clause's end, past what `said` holds: …ていないと理解しました)
            clause = re.split(r"[。？?]", question[m.start("said"):])[0] if said else ""
            if said and m.group("aside") and not _PRESUMING.search(clause) and (
                    not _STATED_FLAT.match(question, m.end())):
                # 規程上、…留意すべき点は: a claim only when presumed (…必要なんですよね) or stated
                # flat to the sentence's end (規程上、…訂正印を押すものとされる。)
                continue
            if said and (_VERDICT.match(said) or re.search(
                    r"(?:の|ん)(?:か|でしょうか|ですか)$|かどうか$", said)):
                # 手引き上は大丈夫なんでしょうか, …無視してよいとされているのか: asked, nothing said
                continue
            if said and not (_PRESUMING.search(question) or _HEARSAY.search(said)) and not (
                    said.endswith(("ますが", "ですが"))):
                # FAQによると、喫煙所の利用時間って… (…全件録音することになっていますが: said)
                if _ASKS_HOW_WRITTEN.search(said) or _HOW_WRITTEN_AFTER.match(question, m.end()):
                    # 手引きでは…についてどのように書かれていますか, マニュアルでは…など、どのように
                    # 書かれていますか: asked, not said
                    continue
                # an example is not claimed (課税資料のような個人情報を含む文書)
                said = _EXAMPLE.sub("", said)
                said = re.split(r"って|は|を|の?(?:やり方|方法|手順|手続)", said)[0]
            # what is asked ends the claim (電話の取次ぎってどう案内するのが基本でしたっけ: どう…
            # is the question's; not 誰の許可も要らない, 何年でも)
            asked = _ASKED_WORD.search(said or "")
            if asked:
                said = said[:asked.start()]
            # (規程だと、持出しは届出だけで許可までは要らないんだよね: an act said to be let go)
            exempt = _dispensed(said, text) if said and _PRESUMING.search(said) else None
            if exempt:
                return exempt
            spans.append((said or m.group("section") or m.group("topic") or m.group("put")
                          or m.group("member") or "", 3))
        # a 様式 for something asked where in it (引継書の様式って、文書取扱規程の第何号様式？)
        spans += [(m.group("form"), 3) for m in re.finditer(
            r"(?P<form>[^、。？?]{2,16}?)の?様式(?:って|は)[、,\s]*" + re.escape(name)
            + r"の?(?:第?何|どの|どこ)", question)]
    for m in (*_ASSERTED.finditer(question), *_SO_CALLED.finditer(question)):
        if re.search(r"(?:どの|どう|いかが)(?:よう|ふう)?に?$", question[:m.start()]):
            continue  # asked how it is laid down (…ではどのように定められておりますでしょうか)
        end = len(question[:m.start()].rstrip("、,!！"))
        if re.search(r"(?:いつ|どこ|誰|だれ|何|なに|どう|どれ|いくら|どの(?:くらい|位))"
                     r"(?:か|まで|から|なのか)?$", question[:end]):
            continue  # what is asked, then the rule's name (…書庫に移すのはいつ、という決まり)
        start = max(question.rfind(c, 0, end) for c in "、。,？?！!」") + 1
        if re.search(r"(?:書|票|簿|帳|通知|一覧|リスト|名簿|ファイル|データ|画面|用紙)には",
                     question[start:end]) and not _DOCUMENT_KIND.search(
                         question[start:end] + m.group(0)):
            continue  # what another paper carries (照会の回答書には…口座番号が載っています)
        spans.append((question[start:end], 3))
        # what is said to be required, before が and the verdict (焼却が義務って規程にあった)
        required = re.search(r"([一-龥々]{2,8})が(?:義務|必須|必要|原則)$", question[start:end])
        if required and m.group(0).startswith(("って", "と")):
            spans.append((required.group(1), 2))
        # the value said, just before the quoting と (廃棄は焼却と定められていますよね): two
        # characters are enough; not in a question (どのように…のが基本とされて)
        # (…は焼却すると規程にある: the act's stem)
        value = re.search(r"(?<![一-龥々])([一-龥々]{2})(?:する)?$", question[start:end])
        if value and m.group(0).startswith("と") and not _VERDICT_WORD.fullmatch(
                value.group(1)) and not re.search(r"どの|どう|何|いつ|誰|どこ|どれ",
                                                  question[start:end]):
            spans.append((value.group(1), 2))
        # an act said to be dispensed with (浄書しなくても…送ってよいと書いてあります) that the text
        # requires with no exception
        exempt = _dispensed(question[start:end], text)
        if exempt:
            return exempt
        # the clauses before it in the same sentence, when it joins them (修正液で消して上から
        # 書き、余白に訂正日を書くと規程にあった: a て/連用 form, not a new sentence)
        head = max(question.rfind(c, 0, start) for c in "。？?」\n") + 1
        # (a verb's て after っ — 主任が行って、 — joins too; a quoting or topic って — 罰則って
        # — does not)
        if start > head and re.search(r"(?:(?<![っの])て|(?<=[行持使取言立待払作切送買守残乗扱揃"
                                      r"会合従戻配回通終移撮破塗刷貼洗縛打]っ)て|(?<![のはっ])で"
                                      # (修正テープで行い、: a verb's 連用 in い, not an
                                      # adjective's)
                                      r"|(?<=[一-龥])(?<![多少無良悪古新高低長短強弱早遅近遠広狭重軽"
                                      r"暑寒熱冷安若深浅太細痛怖危忙])い"
                                      r"|し|き|り|け)[、,]$", question[head:start]):
            spans.append((question[head:start], 3))
    if _SAME_HERE.search(question):  # 前の市では…があったけど、ここの規程でも同じだよね
        spans += [(m.group("rule"), 3) for m in _ELSEWHERE.finditer(question)]
    held_days = {(m.group(1), kanji_to_int(m.group(2))) for m in _MONTH_DAY.finditer(text)}
    for span, shortest in spans:
        # a day of the month said to be the rule's (翌月10日まで) that the text never names
        for day in _MONTH_DAY.finditer(span):
            if (day.group(1), kanji_to_int(day.group(2))) not in held_days:
                return day.group(0)
        # one thing said to stand in for another (公印の代わりに起案者の認印を押す) where the text
        # lets nothing stand in for anything
        swap = _SUBSTITUTED.search(span)
        if swap and not _STANDS_IN.search(text):
            return swap.group(0)
        # (a verdict quoted — 『これはやっちゃダメ』って書いてあること — is no term of a rule)
        cores = [core for core in _cores(re.sub(r"第?[0-9一二三四五六七八九十百]+条", "／", span),
                                         names)
                 if not core.endswith("的") and not _VERDICT_WORD.fullmatch(core)
                 and not _DOCUMENT_KIND.fullmatch(core)  # (「USB×（手引き）」: a name)
                 # a verdict, or a manner (「実際に起案した日」): no content
                 and core not in ("ダメ", "駄目", "アウト", "セーフ",
                                  "実際", "本当", "正確", "確実", "実質")]
        for core in cores:
            # (溶解処分 where the rule says 溶解…により廃棄: the act is what is held)
            if len(core) >= shortest and not _held(core, text) and not (
                    core.endswith("処分") and len(core) > 3 and _held(core[:-2], text)):
                return core
            if _office_unnamed(core, text):
                return core
            # a list written with ・ (「件名・起案者名・起案年月日・決裁予定日」): each member
            for member in core.split("・") if "・" in core else ():
                if len(member) >= max(shortest, 3) and not _held(member, text):
                    return member
        # two short terms the text lacks say as much as one long one (通話…録音)
        short = [core for core in dict.fromkeys(cores) if len(core) == 2 and _KANJI.fullmatch(core)
                 and core not in text]
        if shortest == 3 and len(short) >= 2:
            return "・".join(short)
    return None


# a day of a month (毎月5日, 翌月の十日): a date a rule may fix, no number of days
_MONTH_DAY = re.compile(rf"(毎月|翌月|翌々月|当月|前月)の?\s*({_NUMERAL})日")
_SUBSTITUTED = re.compile(r"[一-龥々ァ-ヶー]{2,8}(?:の(?:代わり|かわり|替わり)に"
                          r"|に(?:代えて|替えて))")
_STANDS_IN = re.compile(r"代わ|かわり|替わ|代え|替え|代用|代替")
_PART_NO = re.compile(r"第?[0-9一二三四五六七八九十]+[項号]")  # a part of the 条, not its content


# the way a rule is said to work (自動的に廃棄扱い, 例外的に認める): its stem is a claim; other 〜的
# words (具体的, 基本的) are the asker's
_MODE = re.compile(r"^(自動|例外|優先|強制|無条件|永久)的$")


# a prohibition the asker infers from a 条 (第六条の訂正って、修正テープは使っちゃダメってこと
# ですよね): a stricter reading than the text, asked to be confirmed
_STRICTER = re.compile(r"(?:ダメ|だめ|駄目|アウト|NG|いけない|禁止|不可|使えない|できない)"
                       r"(?:って|という)$")


# what is denied before what is said (作った日じゃなくて翌年度の4月1日から): no claim (not
# 認印でなくてもよい, a claim itself)
_NOT_BUT = re.compile(r"(?:じゃ|では|で)(?:は)?なく(?!ても)(?:て)?[、,]?")


def article_key(raw: str, sub: str | None = None) -> str:
    """A 条's key as the documents keep it: 3 for 第三条, 10_2 for 第十条の二."""
    def num(value: str) -> str:
        return value if value.isdigit() else str(kanji_to_int(value) or value)

    return num(raw) + (f"_{num(sub)}" if sub else "")


_ARTICLE_NAMED = re.compile(r"第?([0-9]+|[〇一二三四五六七八九十百千]+)条"
                            r"(?:の([0-9]+|[一二三四五六七八九十]+))?")


def _of_article(m: re.Match[str], group: str, article: str | None) -> bool:
    """Whether what `group` of the match says is said of `article` (its key): the 条 the match
    names outside what is said; any, with no `article` or no 条 read."""
    if article is None:
        return True
    start, end = m.span(group)
    named = _ARTICLE_NAMED.search(m.string[m.start():start] + "。" + m.string[end:m.end()])
    return named is None or article_key(named.group(1), named.group(2)) == article


def article_claims(question: str, names: tuple[str, ...],
                   article: str | None = None) -> list[list[str]]:
    """The terms of what the question says its named 条 holds (第七条で決められている持出し
    制限, 第三条に書いてある廃棄の手順, 文書の収受について定めた第十条). With no `names` (a 条
    named with no document) the 条 number alone anchors it. With `article` (its key), only what
    is said of that 条: a question naming 第三条 and 第六条 says of each its own."""
    question = _TREE_MARK.sub("。", unicodedata.normalize("NFKC", question))
    found: list[list[str]] = []
    for m in _ARTICLE_SUBJECT.finditer(question):
        group = next((g for g in ("about", "of", "called", "before", "duty", "rule", "cited",
                                  "after") if m.group(g)), None)
        if group is None or not _of_article(m, group, article):
            continue
        said = m.group(group)
        # a memo's tags (【メモ】, Who：, 補題：)
        span = re.sub(r"【[^】]*】|[A-Za-z]+[:：]|^\s*[一-龥ぁ-んァ-ヶー]{1,4}\s*[:：]", "", said)
        # (a man page's headings — NAME, DESCRIPTION — are no terms of the 条)
        terms = [t for t in _cores(span, names) if len(t) >= 2
                 and not any(t in name for name in names) and not _PART_NO.fullmatch(t)
                 and not t.isascii()]
        if terms:
            found.append(terms)
    for prefix in [re.escape(name) for name in names] or [r"(?<![0-9一二三四五六七八九十百])"]:
        for m in re.finditer(prefix + _IN_ARTICLE, question):
            if m.group("stated") and _STRICTER.search(m.group("stated")) and re.search(
                    r"こと(?:です|だ)?(?:よね|でしょ)$", m.group()):
                continue  # the asker's stricter reading, to be confirmed: no claim on the text
            group = next(g for g in ("said", "stated", "flat", "noted", "granted") if m.group(g))
            if not _of_article(m, group, article):
                continue
            # (訂正者の認印じゃなくて課長の公印を押す: what is denied is no claim)
            said = _NOT_BUT.split(m.group(group))[-1]
            terms = [core for core in (_MODE.sub(r"\1", c) for c in _cores(said, names))
                     if len(core) >= 2 and not core.endswith("的") and not _PART_NO.fullmatch(core)
                     and not _VERDICT_WORD.fullmatch(core)
                     and not core.isascii()]  # (総務課長のapproval: a word put in English)
            if terms:
                found.append(terms)
    return found


def absent_in_article(question: str, article_text: str, names: tuple[str, ...],
                      claims: list[list[str]] | None = None, article: str | None = None
                      ) -> str | None:
    """A term of what the question says its named 条 (`article`, its key) holds (article_claims)
    that the 条's text does not hold; judged against that 条 alone, so two characters are
    enough."""
    text = unicodedata.normalize("NFKC", article_text)
    claims = article_claims(question, names, article) if claims is None else claims
    # what the 条 requires, said to be dispensed with (第三条では起案年月日は書かなくてよい)
    exempt = _dispensed(unicodedata.normalize("NFKC", question), text) if claims else None
    if exempt:
        return exempt
    for terms in claims:
        for term in terms:
            if not _held(term, text):
                return term
            if _office_unnamed(term, text):
                return term
            # a chief named bare (課長) where the 条 names one only with its section (総務課長)
            if term in _BARE_CHIEFS and not _names_bare(term, text):
                return term
    return None


# okurigana between kanji, which staff write either way (持出し / 持ち出し, 取扱い / 取り扱い)
_OKURIGANA = re.compile(r"(?<=[一-龥])[ぁ-ん](?=[一-龥])")


# hearsay or a presumption: the asker reports a rule rather than asking what it is
# (伺いました, 伺っていた: heard; お伺いします asks)
_HEARSAY = re.compile(r"聞い|聞き|と聞く|聞けり|伺いまし|伺っ[たて]|と承(?:っ[たて]|りまし)|曰く"
                      r"|らしい|言われ"
                      r"|でしたよね|だったよね"
                      r"|そう(?:です|だ|な)"
                      r"|んだよ[ねな]"
                      r"|ですよね"
                      r"|やって|だって|と思|っけ|記憶|習[いっ]|覚え[たて]|んでしょ(?!うか)|でしょ[？?]"
                      # (…に厳格化されたとのこと)
                      r"|との(?:こと|話|噂|うわさ)")


# the office's act said to be required, as the ground of what is asked next (廃棄には市長の承認が
# いるけん、申請書の書き方…; …の許可が必要なので)
_REQUIRED = re.compile(r"\s*(?:が|は|も)?(?:いる|要る|必要(?:だ|です|な)?|要)"
                       r"(?:けん|けぇ|じゃけ|ので|から|んで|し[、,]|ため)")


# an amendment reported by hearsay (令和5年の改正で…が使えるようになったと聞きました)
_AMENDED = re.compile(r"(?:改正|改定|見直し)(?:で|により|されて|があって)[、,\s]*"
                      r"(?P<claim>[^。？?]{2,40}?)(?:(?:ように|ことに)?なった|追加された|加わった"
                      r"|新設された|設けられた|できた)(?:と|って)(?:聞|言われ|教わ)")


def absent_amendment(question: str, texts: dict[str, Callable[[], str]]) -> str | None:
    """What an amendment reported by hearsay is said to have brought (a quantity, or its terms
    of three characters or more) where none of `texts` (the named document, or every visible
    regulation when none is named) holds it; None when one does or nothing reads as such a
    report."""
    question = unicodedata.normalize("NFKC", question)
    m = _AMENDED.search(question)
    if m is None:
        return None
    claim = m.group("claim")
    terms = [t for t in _cores(claim, ()) if len(t) >= 3 and not t.endswith("的")]
    said = list(_read(claim))
    if not terms and not said:
        return None
    bodies = [unicodedata.normalize("NFKC", read()) for read in texts.values()]
    held = set().union(*(quantities(body) for body in bodies)) if said else set()
    absent = [words for words, value in said if _missing(value, held)] + [
        t for t in terms if not any(_held(t, body) for body in bodies)]
    return absent[0] if absent else None


# where a period is said to be counted from (作った年の1月1日から数える, 決裁日の翌日から起算)
_COUNTED_FROM = re.compile(r"(?P<origin>[^、。,？?「」]{2,24}?)(?:から|より)"
                           r"(?:数え|かぞえ|起算|カウント)"
                           # (起算日は文書を作成した日からだったよね)
                           r"|起算(?:日|点)?(?:は|って|が)[、,\s]*(?P<since>[^。,？?「」]{2,24}?)"
                           r"(?:から|より)"
                           # (a memo: 起算日＝作成日の翌日（規程七条）)
                           r"|起算(?:日|点)?\s*[=:]\s*(?P<equals>[^、。,？?「」(\s]{2,16})"
                           # (起算日は文書の作成日ですよね)
                           # (…は毎年1月1日、暦年ベースですよね: a second name for it after a comma)
                           r"|起算(?:日|点)?(?:は|って|が)[、,\s]*(?P<is>[^、。,？?「」]{2,16}?)"
                           r"(?:[、,][^、。,？?「」]{1,10}?)?"
                           # (…1月1日なんだべ？)
                           # (『…起算日は文書が完結した日の翌日である』: a sentence quoted)
                           r"(?:でした|だった|です|である|だ|でしょ|じゃ|やろ|やん)"
                           r"(?=よね|ね|っけ|か|べ|[。？?」』]|$)"
                           # (起算日は毎年1月1日と定められておった)
                           r"|起算(?:日|点)?(?:は|って|が)[、,\s]*(?P<rule>[^、。,？?「」]{2,16}?)"
                           r"(?:(?:と|って)(?:定め|決ま|され)"
                           # (起算日が「文書を作成した日」になったと聞きました: a change heard of)
                           r"|(?:に|へ)(?:なった|変わった|変更され|改められ))"
                           # (紙は一月一日起算でしたよね)
                           r"|(?P<at>[^、。,？?「」はが]{2,16}?)起算(?:でし|です|だっ|だ(?=よ|ね|[。？?]|$)"
                           r"|やろ|じゃ)")
# and where a document says it is (保存期間は、…翌年度の四月一日から起算する)
_ORIGIN_STATED = re.compile(r"(?P<subject>[一-龥々ァ-ヶー]{2,8})は、?[^。]{2,60}?(?:から|より)起算")
_DATE = re.compile(rf"({_NUMERAL})月({_NUMERAL})日")
_YEAR = re.compile(rf"(?:令和|平成|昭和)?(?:{_NUMERAL}|元)年度?")  # the asker's own case
_PERIOD_WORDS = {"文書", "期間", "保存期間", "期限"}
_NEXT = {"翌", "直後", "次"}


def absent_origin(question: str, texts: dict[str, Callable[[], str]]) -> tuple[str, str] | None:
    """Where a period is presumed to be counted from (「保存期間は作成した日から数えると習い
    ました」), against the one document of `texts` that says where that period is counted from:
    a date or a term of the presumed origin it does not have. Returns (title, the origin's
    words) or None."""
    # (起算日は「翌年の1月1日」ですよね: the origin quoted is the origin)
    question = re.sub(r"(起算(?:日|点)?(?:は|って|が)[、,\s]*)[「『]([^」』]{2,20})[」』]", r"\1\2",
                      unicodedata.normalize("NFKC", question))
    # (a memo's label: 【起算日】文書の作成日)
    question = re.sub(r"【(起算(?:日|点)?)】\s*", r"\1:", question)
    # (保存期間は「文書が完結した日」から起算する: the origin quoted before から, too)
    question = re.sub(r"[「『]([^」』]{2,20})[」』]"
                      r"(?=(?:から|より)(?:数え|かぞえ|起算|カウント))", r"\1", question)
    # (起算日がいつなのか分からなくて: asked, not said — 分から is no origin)
    # (起案した日から数えるんですか、それとも…: asked, not said)
    # (起案した日から数えるじゃないですか: presumed, not asked)
    m = next((m for m in _COUNTED_FROM.finditer(question) if not re.match(
        r"(?![るたす]?(?:ん|の)?(?:じゃ|では)ない(?:です|っす|でしょう)?か)"
        r"(?:[^、。]{0,3}?(?:の|ん)?(?:では|じゃ)(?:なく|ない)"
        r"|[^、。？?]{0,6}?(?:の|ん)?(?:です|でしょう)?か(?:[、,]\s*それとも|[？?。]|$))",
        question[m.end():])
        and not re.search(r"いつ|何|どの|どこ|どれ|(?:分|わ)から$", m.group(0))), None)
    # (an equation written down — 起算日：文書の作成日 — is said, whatever follows)
    if m is None or not (m.group("equals") or _PRESUMING.search(question)
                         or _HEARSAY.search(question)
                         or re.match(r"(?:です|だ|である)?[。！!]"
                                     r"|[るたす]?(?:ん|の)?(?:じゃ|では)ない(?:です|っす)?か",
                                     question[m.end():])
                         or re.search(r"習[いっ]|とされ|定められ|規程上|規程では|決ま(?:って|り)"
                                      r"|(?:FAQ|マニュアル|手引き?)では|(?:と|って)なって(?:い|お)"
                                      r"|[(]規程|でしたね|ことになって|(?:ます|いる)が[、,]"
                                      r"|曰く|いわく",
                                      question)):
        return None
    stated = [(title, s.group(0)) for title, read in texts.items()
              for s in _ORIGIN_STATED.finditer(unicodedata.normalize("NFKC", read()))
              if s.group("subject") in question or (s.group("subject").endswith("期間")
                                                     and s.group("subject")[:-2] in question)]
    if len({title for title, _ in stated}) != 1:
        return None
    sentence = _OKURIGANA.sub("", " ".join(said for _, said in stated))
    # (保存期間は決裁日の翌日: what is counted aside)
    origin = next(g for g in m.group("origin", "since", "equals", "is", "rule", "at") if g).strip()
    origin = re.sub(r"^[^、]{0,10}?(?:は|って)", "", origin)
    origin = re.sub(r"(?<=日)(?:なん|な)$", "", origin)  # (…1月1日なんだべ)
    # (作った日じゃなくて翌年度の4月1日から: what is denied is no claim)
    origin = _NOT_BUT.split(origin)[-1]
    dates = {(kanji_to_int(a), kanji_to_int(b)) for a, b in _DATE.findall(origin)}
    if dates - {(kanji_to_int(a), kanji_to_int(b)) for a, b in _DATE.findall(sentence)}:
        return stated[0][0], origin
    # the terms, and single kanji of verbs (作った日): the origin's words the sentence lacks
    terms = [t for t in _KANJI.findall(_DATE.sub("", _YEAR.sub("", origin)))
             if t not in _PERIOD_WORDS and t not in ("日", "年", "月", "度")
             and not _GENERIC.search(t)
             # the next one, in other words (直後の4月1日 for 翌年度の四月一日)
             and not (t in _NEXT and any(n in sentence for n in _NEXT))]
    if any(_OKURIGANA.sub("", t) not in sentence for t in terms):
        return stated[0][0], origin
    # a day named with no date (完結した日から) where the sentence counts from a date it fixes
    # after that day (…完結した日の属する年度の翌年度の四月一日から起算)
    if not dates and origin.endswith("日") and not re.search(r"年度|初日|翌|次", origin) and (
            re.search(_DATE.pattern + r"(?:から|より)起算", sentence)):
        return stated[0][0], origin
    return None


def origin_elsewhere(question: str, document_text: str,
                     others: Callable[[], Iterable[str]]) -> str | None:
    """Where a period is presumed to be counted from, said of a document that says nowhere where
    any period is counted from (FAQでは保存期間は作成した日から数えるとなっていました): the
    origin's words, when the other documents that say it (`others`) say otherwise; None when
    they agree (a rule of the city misattributed) or the document says it itself."""
    if _ORIGIN_STATED.search(unicodedata.normalize("NFKC", document_text)):
        return None
    texts = {str(i): (lambda text=text: text) for i, text in enumerate(others())}
    found = absent_origin(question, texts) if texts else None
    return found[1] if found else None


def unattributed_authority(question: str, documents: dict[str, Callable[[], str]]
                           ) -> tuple[str, str] | None:
    """A rule reported without naming a document (「文書の持出しは情報政策課長の許可制だと
    聞いた」): the office said to decide, where the one document (title → its text, read only
    when the question reports such a rule) that deals with the subject names no such office.
    Returns (title, claim) or None."""
    question = unicodedata.normalize("NFKC", question)
    m = _AUTHORITY.search(question)
    # (課長の事前承認印が要る →…なしで起案したら: stated flat, then asked what happens without
    # it; a chief with no section is judged by the sentences on the subject)
    flat = m is not None and _REQUIRED_FLAT.match(question, m.end() + (
        question[m.end():m.end() + 1] == "印"))
    if m is None or not (_HEARSAY.search(question, m.end()) or _REQUIRED.match(question, m.end())
                         or flat
                         # (第十条では市長の許可が必要です: the 条 cited just before, as its source)
                         or re.search(r"条(?:では|で|に(?:は|よると|よれば))[、,]?"
                                      r"[^。？?【】]{0,12}$", question[:m.start()])
                         # (…係長の許可があればよいとされていますが)
                         or re.match(r"[^。？?]{0,12}?(?:とされ|と定められ|と決められ|ことになって"
                                     r"|決まり)", question[m.end():])):
        return None
    office = m.group(1) or m.group(2)
    texts = {title: read() for title, read in documents.items()}
    holding = _subject_holder(question[:m.start()], "", {
        title: unicodedata.normalize("NFKC", text) for title, text in texts.items()})
    if holding is None or (_names_office(office, texts[holding]) and (not flat or _chief_of_subject(
            office, question[:m.start()], unicodedata.normalize("NFKC", texts[holding])))):
        return None
    return holding, m.group(0)


# an office said to do the act (収受印って各課で押すことになってる), and the office a document
# says does it (総務課において収受し)
_SECTION = r"[一-龥]{1,6}(?:課|係|室)"
_ACTOR = re.compile(r"(?P<office>各課|各担当課|担当課|各部署|(?:自分|うち)の(?:課|係|部署)"
                    r"|(?:届いた|受け取った|受けた|受け付けた|宛先の|担当する|関係する)課"
                    r"|(?<![他前元別])" + _SECTION + r")(?:で|が|において|の方で)"
                    r"[^、。？?「」]{0,8}?"
                    r"(?:押|収受|受け付|受付|受け取|受取|保管|保存|廃棄|処分|決裁|起案|作成|管理|発送|送付|預か"
                    r"|行|やる|やっ|する|して)")
_ACTOR_PRESUMED = re.compile(r"[^。？?]{0,24}?(?:ことになって|ことになっちょ|ことになっと|決まって"
                             r"|決まり|はず|よね"
                             r"|でしょ(?!うか)|と聞|って聞|らしい"
                             # (learnt so: …収受印を押すって習いました)
                             r"|(?:と|って)[^、。？?]{0,6}?(?:習|教わ|覚え)"
                             # (…押すと規程第二条にあったな)
                             r"|(?:と|って)[^、。？?]{0,10}?(?:あり|ある|あった|書いて|書かれ|定め))")
_ACTOR_STATED = re.compile(_SECTION + r"(?:において|で|が)")


def unattributed_actor(question: str, regulations: dict[str, Callable[[], str]]
                       ) -> tuple[str, str] | None:
    """An office presumed to do something (「収受印って各課で押すことになってるんですよね」)
    where the one regulation that deals with the subject says another office does it (総務課に
    おいて収受し、収受印を押して): judged only against sentences that name who does it.
    Returns (title, the office) or None."""
    question = unicodedata.normalize("NFKC", question)
    m = next((m for m in _ACTOR.finditer(question) if _ACTOR_PRESUMED.match(question, m.end())),
             None)
    if m is None:
        return None
    # what it is about: the term before the office in its clause, else those after it (届いた課が
    # それぞれ収受印を押す)
    texts = {title: unicodedata.normalize("NFKC", read()) for title, read in regulations.items()}
    subjects = [_last_term(re.split(r"[、。,？?]", question[:m.start()])[-1])] + [
        t for t in _TERM.findall(question, m.end("office"), m.end() + 8) if _KANJI.search(t)]
    found = next(((subject, holding) for subject in subjects
                  if subject is not None and len(subject) >= 2 and not _GENERIC.search(subject)
                  for holding in [_holders(subject, texts)] if holding), None)
    if found is None or len(found[1]) != 1:
        return None
    subject, holding = found
    bare = _OKURIGANA.sub("", subject)
    stating = [s for s in re.split(r"[。\n]", _OKURIGANA.sub("", texts[holding[0]]))
               if bare in s and _ACTOR_STATED.search(s)]
    office = m.group("office")
    if not stating or any(_names_office(office, s) for s in stating):
        return None
    return holding[0], office


# a term said to be among what a rule holds, heard (「決裁予定日」も入っていると聞きました)
_TERM_HEARD = re.compile(r"[「『](?P<term>[^」』]{3,16})[」』](?:も|が|は|まで)?"
                         r"(?:入って|含まれて|含まれる|必要|要る|いる|ある|あり|記載|書く|書か)"
                         r"[^、。？?]{0,10}?(?:と聞|って聞|らしい|そうです|そうだ|んですよね|んだよね"
                         r"|ですよね|ますよね|ましたよね|はず)")


def unattributed_term(question: str, regulations: dict[str, Callable[[], str]],
                      documents: dict[str, Callable[[], str]]) -> tuple[str, str] | None:
    """A term heard to be part of a rule (「起案の必須項目に『決裁予定日』も入っていると聞き
    ました」) that no visible document holds, on a subject only one visible regulation deals
    with. Returns (that regulation's title, the term) or None."""
    question = unicodedata.normalize("NFKC", question)
    m = _TERM_HEARD.search(question)
    if m is None or not _KANJI.search(m.group("term")):
        return None
    texts = {title: unicodedata.normalize("NFKC", read()) for title, read in documents.items()}
    # (【確認】起案の必要記載事項に…: a form's label names no subject)
    before = _FORM_LABEL.sub("、", question[:m.start()])
    holding = _subject_holder(before, "", texts, tuple(regulations))
    if holding is None or holding not in regulations or any(
            _held(m.group("term"), text) for text in texts.values()):
        return None
    return holding, m.group("term")


# a rule recalled as the asker's understanding, with no document named (…でしたよね, …んでしたっけ)
_RECALLED = re.compile(r"(?:でした|です|ん(?:です|だ)|の|だった)?(?:よね|よな(?!ら)|っけ)|でしたね"
                       # (…の認印、で正しいか確認願います: offered to be confirmed)
                       r"|" + _CONFIRMING.pattern
                       # (…印を押す決まりだったと思います)
                       + r"|(?:決まり|ルール|はず)(?:だった|でした|です|だ)?と(?:思|記憶)")
_TOPIC = re.compile(r"(?:は|って)[、,]?")
# a requirement stated flat, then what happens without it asked (◇起案には課長の事前承認印が要る
# →承認印なしで起案したら差戻し？)
_REQUIRED_FLAT = re.compile(r"(?:が|は|も)(?:要る|いる|必要|必須)(?:だ|です)?"
                            r"(?=\s*[→⇒]|[。、,\s]+[^。？?]{0,16}?(?:なしで|無しで|なしに|せずに|しないで"
                            r"|ないまま)[^。？?]{0,24}?[？?])")


def unattributed_claim(question: str, regulations: dict[str, Callable[[], str]],
                       documents: dict[str, Callable[[], str]],
                       others: Callable[[], Iterable[str]] | None = None
                       ) -> tuple[str, str] | None:
    """A rule recalled with no document named (「文書の訂正は赤線一本で消して、訂正者がサイン
    すればOKでしたよね」): its subject (before は/って) dealt with by one visible regulation, and
    what is said of it made of terms no visible document holds — two, or one of four characters
    or more (決裁予定日); a figure (七年, 四種類) counts when neither they nor `others` (the texts
    of the rest of the visible documents) hold it. Returns (that regulation's title, the terms)
    or None."""
    question = unicodedata.normalize("NFKC", question)
    if _ELSEWHERE.search(question) or _FORMER_PLACE.search(question):
        return None  # another place's rule told
    texts: dict[str, str] | None = None  # read only when a recalled rule is there to judge
    for m in (*_RECALLED.finditer(question), *_REQUIRED_FLAT.finditer(question)):
        start = max(question.rfind(c, 0, m.start()) for c in "。？?！!\n」") + 1
        sentence = question[start:m.start()]
        topic = _TOPIC.search(sentence)
        if topic is None or re.search(r"どの|どう|何|いつ|誰|どこ|どれ|いくら"
                                      # (…で直してもいいんでしたっけ: whether it may, asked)
                                      r"|(?:て|で)も(?:いい|良い|よい|大丈夫|構わ|かまわ)"
                                      # (…処分しちゃいけないですよね: a care recalled)
                                      r"|ダメ|だめ|駄目|いけな|いけません|禁止|NG|まずい|まずかっ",
                                      sentence):
            continue
        if texts is None:
            texts = {title: unicodedata.normalize("NFKC", read())
                     for title, read in documents.items()}
        holding = _subject_holder(sentence[:topic.start()], "", texts, tuple(regulations))
        if holding is None or holding not in regulations:
            continue
        # (…下書きを始めた日じゃなくて実際に起案した日: what is denied is no claim)
        said = _NOT_BUT.split(sentence[topic.end():])[-1]
        # (件名・起案者名: each member)
        terms = list(dict.fromkeys(member for core in _cores(said, ())
                                   for member in core.split("・")))
        # (a figure — 一年・三年…の五種類 — as a figure: 五種 holds 五種類)
        figures = [t for t in terms if _QUANTITY.fullmatch(t)]
        held = set().union(*(quantities(text) for text in texts.values()),
                           *(quantities(text) for text in (others() if others else ()))
                           ) if figures else set()
        missing = [t for t in figures if any(_missing(value, held) for _, value in _read(t))]
        missing += [t for t in terms if len(t) >= 2 and t not in figures
                   # (修正テープで消して: a thing in kanji and katakana, used or acted on; not
                   # 年度ベースですよね, a way of saying)
                   and (_KANJI.fullmatch(t) or (re.fullmatch(r"[一-龥々]+[ァ-ヶー]{2,}", t)
                                               and re.search(re.escape(t) + r"(?:で(?![すし])|を)",
                                                             said)))
                   and not _VERDICT_WORD.fullmatch(t)
                   # an office is judged by who is said to act (unattributed_actor, _authority)
                   and not re.fullmatch(r"各[一-龥]{1,3}|[一-龥]{0,6}(?:課|係|室|部|局)長?", t)
                   and not any(_held(t, text) for text in texts.values())]
        # (修正液で消して: a thing of three characters used for the act, of a kind — its last
        # character, 液 — no visible text has, is enough)
        used = [t for t in terms if len(t) == 3 and _KANJI.fullmatch(t) and re.search(
            re.escape(t) + r"で(?![すしきはもな])", said) and not any(
                t in text or t[-1] in text for text in texts.values())]
        if len(missing) >= 2 or any(len(t) >= 4 for t in missing) or used:
            return holding, "・".join(missing or used)
    return None


# a value quoted as what a rule sets something to (起算日が「文書を作成した日」になっている)
_VALUE_SET = re.compile(r"(?P<subject>[^、。,？?！!「『」』]{2,24}?)(?:が|は)"
                        r"[「『](?P<value>[^」』]{3,30})[」』](?:に|と)(?:なって|され|定め|決め|決ま|書かれ|書いて|規定)")


def unattributed_value(question: str, regulations: dict[str, Callable[[], str]]
                       ) -> tuple[str, str] | None:
    """A value quoted as what a rule sets something to, with no document named (「保存期間の
    起算日が『文書を作成した日』になっているのは分かりましたが」): judged against the sentences
    of the one visible regulation dealing with the subject that name it (起算する), where a
    term of the value (作成) stands in none of them. Returns (title, the value) or None."""
    question = unicodedata.normalize("NFKC", question)
    m = _VALUE_SET.search(question)
    if m is None or _ELSEWHERE.search(question) or _FORMER_PLACE.search(question):
        return None
    texts = {title: unicodedata.normalize("NFKC", read()) for title, read in regulations.items()}
    subject = _last_term(m.group("subject"))
    holding = _subject_holder(m.group("subject"), "", texts)
    if subject is None or holding is None:
        return None
    bare = _OKURIGANA.sub("", texts[holding])
    # the sentences that name the subject, by its longest stem the text has (起算日 → 起算)
    stem = _stem(subject, bare)
    if stem is None:
        return None
    naming = [sentence for sentence in re.split(r"[。\n]", bare) if stem in sentence]
    terms = [t for t in _KANJI.findall(_OKURIGANA.sub("", m.group("value"))) if len(t) >= 2]
    if any(all(t in sentence for t in terms) for sentence in naming):
        return None
    return holding, m.group("value")


# a value stated as the ground of what follows, to be confirmed (保存期間の起算日は文書を作った日
# の翌日なので、…で合ってますか)
_VALUE_SAID = re.compile(r"(?P<subject>[^、。,？?！!「『」』]{2,24}?)は[、,]?"
                         r"(?P<value>[^、。,？?！!「『」』]{3,30}?)(?:なので|だから|ですので|ですから)[、,]")


def unattributed_ground(question: str, documents: dict[str, Callable[[], str]]
                        ) -> tuple[str, str] | None:
    """A value stated as the ground of a reckoning the asker wants confirmed (「保存期間の起算日は
    文書を作った日の翌日なので、…で合ってますか」), no document named: judged against the
    sentences of the visible documents that name every term of the subject (保存期間, 起算),
    where none holds every term of the value (翌日 is not 翌年度). Returns (the title of the
    first such sentence, the value) or None."""
    question = unicodedata.normalize("NFKC", question)
    # (or presumed at the end: …なので、…になったら廃棄できますよね; not the …なので, itself)
    if not (_CONFIRMING.search(question) or _SURE_OF.search(question)) or _ELSEWHERE.search(
            question) or _FORMER_PLACE.search(question):
        return None
    texts: dict[str, str] | None = None  # read once, when a value is there to judge
    whole = ""
    for m in _VALUE_SAID.finditer(question):
        # (課長の公印じゃなくて認印を押す決まりなので: what is denied is no claim, nor the word
        # that calls it a rule)
        value = _OKURIGANA.sub("", re.sub(r"(?<=[うくぐすつぬぶむる])(?:決まり|ルール|規則|こと)$",
                                          "", _NOT_BUT.split(m.group("value"))[-1]))
        terms = [t for t in _KANJI.findall(value) if len(t) >= 2]
        if not terms or re.search(r"何|いつ|どの|どこ|誰|どれ|いくら", m.group("value")):
            continue
        if texts is None:
            texts = {title: _OKURIGANA.sub("", unicodedata.normalize("NFKC", read()))
                     for title, read in documents.items()}
            whole = "\n".join(texts.values())
        stems = []
        for term in (t for t in _TERM.findall(m.group("subject")) if _KANJI.fullmatch(t)
                     and len(t) >= 2):
            stem = _stem(term, whole)
            if stem is None:
                break
            stems.append(stem)
        else:
            naming = [(title, s) for title, text in texts.items()
                      for s in re.split(r"[。\n]", text) if stems and all(x in s for x in stems)]
            if naming and not any(all(t in s for t in terms) for _, s in naming):
                return naming[0][0], m.group("value")
    return None


def _stem(term: str, text: str) -> str | None:
    """The longest stem of a term (two kanji or more) that the text holds (起算日 → 起算)."""
    return next((term[:k] for k in range(len(term), 1, -1)
                 if _KANJI.fullmatch(term[:k]) and term[:k] in text), None)


def _last_term(span: str) -> str | None:
    """The span's last term of two characters or more: what a rule reported after it is about."""
    return next((t for t in reversed(_TERM.findall(span)) if len(t) >= 2), None)


def _subject_holder(before: str, after: str, texts: dict[str, str],
                    first: Sequence[str] = ()) -> str | None:
    """The one title (of `first`, else of all `texts`) holding what a rule reported is about:
    the last term of the clause before it, else of its sentence, else the first term of that
    sentence (持出しの制限って、所属課長の許可が…), else the term right after the figure (二十年
    保存の文書って…)."""
    sentence = re.split(r"[。？?]", before)[-1]
    terms = [t for t in _TERM.findall(sentence) if _KANJI.search(t)]
    first_of_all = next((t for t in _TERM.findall(before) if _KANJI.search(t)), None)
    for subject in (_last_term(re.split(r"[、。,？?]", before)[-1]), _last_term(sentence),
                    terms[0] if terms else None, _last_term(after),
                    first_of_all):  # (…六種類でしたよね。…もう一つは永年: 保存期間, said first)
        if subject is None or _GENERIC.search(subject) or subject in ("制限", "決まり", "区分",
                                                                      "種類"):
            continue  # (持出しの制限: the 制限 of what; 保存期間の区分: of 保存期間)
        holding = (_holders(subject, {t: texts[t] for t in first if t in texts})
                   or _holders(subject, texts))
        if holding:  # (a term no document has says nothing of the subject: the next one)
            return holding[0] if len(holding) == 1 else None
    return None


def _holders(subject: str, texts: dict[str, str]) -> list[str]:
    """The titles whose (NFKC) text holds the subject, okurigana aside (持出し = 持ち出し)."""
    bare = _OKURIGANA.sub("", subject)
    return [title for title, text in texts.items() if bare in _OKURIGANA.sub("", text)]


def unattributed_quantity(question: str, regulations: dict[str, Callable[[], str]],
                          documents: dict[str, Callable[[], str]]) -> tuple[str, str] | None:
    """A figure presumed with no document named (「保存期間の七年って、どげな文書に付けると？」,
    「保存期間って、たしか…二十年…の六種類だったよな」, 「旅費の精算って30日以内でしたよね？」):
    rule-shaped and presumed, on a subject only one visible regulation deals with (or, when no
    regulation does, only one visible document), where no visible document holds that figure.
    `documents`: every visible document, the regulations among them. Returns (title, the
    figure's words) or None."""
    # (四つ（一年、三年、五年、十年）: a count of kinds)
    question = _COUNTED_LIST.sub(r"\1種類", unicodedata.normalize("NFKC", question))
    if not _SAME_HERE.search(question):  # another city's rule told, not presumed here
        question = _ELSEWHERE.sub(lambda m: "・" * len(m.group()), question)
    # (旅費の精算は翌月の末までに出しゃあええんじゃろ: a month's end as the deadline)
    shaped = _RULE_SHAPED.search(question) or _MONTH_END.search(question)
    # (…二十年保存の文書の扱い: such documents presumed to exist)
    if shaped is None or not (_PRESUMING.search(question) or _HEARSAY.search(question)
                              or _CONFIRMING.search(question)
                              # (…30日以内に行えばよいとされています: a rule stated as such)
                              or re.search(r"って|(?:です|ます)が|[？?]|にある[「『]"
                                           # (精算は30日以内だからセーフ: a figure relied on)
                                           rf"|{_NUMERAL}\s*{_UNIT}(?:以内|以上|まで|前まで)?"
                                           r"(?:だから|なので|ですから|ですので)"
                                           # (【種類数】四種: a form's field, filled in)
                                           rf"|】\s*{_NUMERAL}\s*{_UNIT}"
                                           r"|と(?:され|定められ|決められ)て(?:い|お)|^確認[:：]"
                                           # (出張後30日以内という基準に合わせて)
                                           r"|という(?:基準|ルール|決まり|規定|期限)"
                                           # (eラーニングで「…帰庁後30日以内」と出てきました)
                                           r"|[」』](?:と|って)(?:出て|表示され)"
                                           # (保存期間十五年の固定資産関係の簿冊)
                                           # (七年保存に分類されるのはどんな文書)
                                           r"|年間?(?:保存)?(?:の[^、。？?]{0,10}?|に(?:なる|なっている"
                                           r"|該当する|当たる|あたる|(?:分類|区分)され(?:る|ている)"
                                           r"|入る)(?:の(?:は|が)(?:どんな|どの|どういう|どういった)?)?)"
                                           r"(?:文書|簿冊|書類)"
                                           # (保存期間七年の区分に入れた申告書: the class)
                                           r"|年[」』]?(?:保存)?の(?:区分|分類|枠|箱|棚)"
                                           # (旅費精算の期限（帰庁後五日以内）: the rule's
                                           # figure, put beside it)
                                           r"|(?:期限|期間|締切|締め切り|上限)[（(][^）)]{0,10}?"
                                           rf"{_NUMERAL}\s*{_UNIT}(?:以内|以上|まで)?[）)]",
                                           question)):
        return None
    words = shaped.group(0)
    named = next((t for t in _TERM.findall(re.sub(rf"{_NUMERAL}$", "", words)) if len(t) >= 2),
                 None) if (
        not words[0].isdigit() and kanji_to_int(words[0]) is None
        and not _FOREVER.match(words)) else None
    texts = {title: unicodedata.normalize("NFKC", read()) for title, read in documents.items()}
    after = _QUANTITY.sub("", _FOREVER.sub("", words))
    # the term before the figure (保存期間の七年), else the clause before it, else its sentence
    # (持出しの制限には、24時間以内に…; 旅費の精算期限は30日: 期限 is any rule's)
    # (a form's labels — 【分類】保存期間 【種類数】四種 — name no subject: its fields do)
    before = _FORM_LABEL.sub("、", question[:shaped.start()])
    holding = _subject_holder(before + "、" + (named or ""), after, texts, regulations)
    if holding is None:
        return None
    if shaped.re is _MONTH_END:  # a month's end no visible document sets
        return None if any(_MONTH_END_HELD.search(t) for t in texts.values()) else (holding, words)
    held = set().union(*(quantities(text) for text in texts.values()))
    # the figures of the clauses that state the rule, not the asker's own (11日目に出した)
    spans = [m.span() for m in _RULE_SHAPED.finditer(question)]
    stating = "、".join(c.group() for c in re.finditer(r"[^、。,？?！!]+", question)
                       if any(a < c.end() and c.start() < b for a, b in spans))
    # two figures offered to choose from, one of them held (五種類か六種類か): which is asked
    for m in _OFFERED.finditer(stating):
        if not all(_missing(value, held) for _, value in _read(m.group())):
            stating = stating.replace(m.group(), "・" * len(m.group()))
    # a figure a FAQ or manual holding the subject has only on another matter (名刺は一週間程度で
    # 印刷 for 旅費の精算は一週間以内), no other document having it, is absent too (a regulation's
    # figures are all of its one subject)
    others = set().union(*(quantities(text) for title, text in texts.items() if title != holding))
    rows = [] if holding in regulations else _sentences([texts[holding]])
    absent = [words for words, value in _read(stating)
              if (_missing(value, held) or (rows and value not in others and value[1] != "種"
                                            and not _shares_pair(value, question, rows)))
              and not stating[stating.find(words) + len(words):].startswith("目")]
    if absent:
        return holding, absent[0]
    extreme = _beyond_extreme(stating, before, texts[holding])
    return (holding, extreme) if extreme else None


# a deadline at a month's end (翌月末まで, 翌月の末日までに), and a text that sets one
_MONTH_END = re.compile(r"(?:翌々?|次の|当|同)月(?:の)?末(?:日)?(?:まで|締め|以内)")
_MONTH_END_HELD = re.compile(r"(?:翌々?|次の|当|同)月(?:の)?末")
_OFFERED = re.compile(rf"{_NUMERAL}\s*{_UNIT}(?:なの|です|でしょう)?か[、,\s]*(?:それとも)?\s*"
                      rf"{_NUMERAL}\s*{_UNIT}(?:なの|です|でしょう)?か")
# a figure said to be the longest or the shortest there is (保存期間は十年が最長)
_EXTREME = re.compile(r"\s*(?:が|は|で|の)?\s*(?:(?P<most>最長|最大|上限|最高|一番長|いちばん長"
                      r"|一番上|マックス|MAX)"
                      r"|(?P<least>最短|最小|下限|最低|一番短|いちばん短))", re.I)


def _beyond_extreme(stating: str, before: str, text: str) -> str | None:
    """A figure said to be the most (or least) of its kind (十年が最長) where the text's
    sentences on the subject (保存期間) hold one beyond it in the same unit (三十年): the
    figure's words and the superlative, or None."""
    subject = _last_term(re.split(r"[、。,？?]", before)[-1]) or _last_term(before)
    sentences = [s for s in re.split(r"[。\n]", text) if subject and subject in s] or [text]
    held = [(math.inf if value == FOREVER else value[0], value[1])
            for s in sentences for _, value in _read(s)]
    for words, value in _read(stating):
        at = stating.find(words)
        m = _EXTREME.match(stating, at + len(words))
        # (or said before it: 保存期間って最長でも十年ですよね)
        before_it = _EXTREME_BEFORE.search(stating, 0, at) if m is None else None
        if m is None and before_it is None:
            continue
        most = (m or before_it).group("most")
        number = math.inf if value == FOREVER else value[0]
        if any(unit == value[1] and (n > number if most else n < number) for n, unit in held):
            return (words + m.group(0).strip()) if m else before_it.group(0) + words
    return None


_EXTREME_BEFORE = re.compile(r"(?:(?P<most>最長|最大|上限|最高|長くても|多くても)"
                             r"|(?P<least>最短|最小|下限|最低|短くても|少なくても))"
                             r"(?:で|でも|は|が)?(?:も)?[、,\s]*$")


_OFFICE_NAME = re.compile(r"[一-龥]{1,6}(?:課|係|室|局|部)(?:長)?$")


def _dispensed(said: str, text: str) -> str | None:
    """The words of `said` that dispense with an act (浄書しなくても, 認印は不要) the text
    requires: its sentences name the act, and none of them lets it go (省略できる, この限りで
    ない); else None."""
    exempt = _EXEMPTED.search(said)
    if exempt is None:
        return None
    sentences = [s for s in re.split(r"[。\n]", text) if exempt.group("act") in s]
    if sentences and not any(_EXCEPTION.search(s) for s in sentences):
        return exempt.group(0)
    return None


# a day named from another (翌月末, 前日, 年度末): held only as written
_RELATIVE_DATE = re.compile(r"(?:翌|前|当|同|毎|来|今|先)?"
                            r"(?:月末|月初|月|日|年度末|年度|年|週|週末)(?:末|初|中)?")


# a 条's prohibition in its own words (…てはならない, …を禁ずる)
_FORBIDDING = re.compile(r"(?:て|で)は(?:ならない|ならず|いけない)|禁止|禁ず|禁じ")


def _held(term: str, text: str) -> bool:
    if term in text:
        return True
    if "・" in term:  # (溶解・裁断: each member)
        return all(_held(member, text) for member in term.split("・") if member)
    term, text = _OKURIGANA.sub("", term), _OKURIGANA.sub("", text)
    if term in text:
        return True
    if _OFFICE_NAME.search(term):
        return False  # 税務課 is not 総務課 for sharing 務課
    if _RELATIVE_DATE.fullmatch(term):
        return False  # 翌月末 is not 十一月末 for sharing 月末
    if len(term) >= 4 and term.endswith("事項"):
        return _held(term[:-2], text)  # the matters of an act (記載事項 of 記載しなければ)
    if term in ("禁止", "禁止行為") and _FORBIDDING.search(text):
        return True  # what a 条 forbids (…持ち出してはならない) is its prohibition
    if term == "種類" and re.search(r"[0-9一二三四五六七八九十]+種", text):
        return True  # the kinds a 条 counts (…三十年の五種とする)
    if len(term) == 3 and term[2] in _HEADS and term[:2] not in text and (
            term[0] not in _PREFIXES):
        # a word before a one-character head (確認印 is 確認 + 印): the text's 認印 shares only
        # the two characters across the seam
        return False
    pairs = {term[i:i + 2] for i in range(len(term) - 1)}
    return sum(p in text for p in pairs) * 2 >= len(pairs)


# one-character heads a word is put before (確認印, 記入欄, 使用簿, 申請者), and one-character
# prefixes that leave the word they are put on (各担当者 is a 担当者, 新台帳 a 台帳)
_HEADS = frozenset("印欄簿票書表帳証者員課係室庫箱")
_PREFIXES = frozenset("再新旧各全本当前次同未非不無現諸別要")
