<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <source>A4 landscape (297 × 210 mm)</source>
        <translation>A4 横向（297 × 210 毫米）</translation>
    </message>
    <message>
        <source>US Letter (8.5 × 11 in)</source>
        <translation>美式信纸（8.5 × 11 英寸）</translation>
    </message>
    <message>
        <source>8 × 8 in square</source>
        <translation>8 × 8 英寸方形</translation>
    </message>
    <message>
        <source>20 × 20 cm square</source>
        <translation>20 × 20 厘米方形</translation>
    </message>
</context>
<context>
    <name>AgendaSettingsDialog</name>
    <message>
        <source>Agenda rules</source>
        <translation>日程规则</translation>
    </message>
    <message>
        <source>Birthdays</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>Wedding anniversaries</source>
        <translation>结婚纪念日</translation>
    </message>
    <message>
        <source>Other dates</source>
        <translation>其他日期</translation>
    </message>
    <message>
        <source>Passport expiries</source>
        <translation>护照到期</translation>
    </message>
    <message>
        <source>Other document expiries</source>
        <translation>其他证件到期</translation>
    </message>
    <message>
        <source>Win-back</source>
        <translation>客户召回</translation>
    </message>
    <message>
        <source>Trip anniversary</source>
        <translation>旅行周年</translation>
    </message>
    <message>
        <source>Pre-departure check</source>
        <translation>出发前确认</translation>
    </message>
    <message>
        <source>Welcome-home call</source>
        <translation>回国问候</translation>
    </message>
    <message>
        <source>Feedback request</source>
        <translation>邀请反馈</translation>
    </message>
    <message>
        <source>Care call after a survey</source>
        <translation>问卷后的关怀回访</translation>
    </message>
    <message>
        <source>Referral reward</source>
        <translation>推荐奖励</translation>
    </message>
    <message>
        <source>One trip from the next tier</source>
        <translation>距下一等级仅差一次行程</translation>
    </message>
    <message>
        <source>Event follow-up</source>
        <translation>活动后跟进</translation>
    </message>
    <message>
        <source>How many days ahead each kind of reminder appears in the agenda. These rules are the studio&apos;s: every advisor sees them.</source>
        <translation>每类提醒提前多少天出现在日程中。这些规则属于整个工作室：每位顾问看到的都一样。</translation>
    </message>
    <message>
        <source> months without contact</source>
        <translation> 个月未联系</translation>
    </message>
    <message>
        <source>shows </source>
        <translation>提前 </translation>
    </message>
    <message>
        <source> days before its day</source>
        <translation> 天显示</translation>
    </message>
    <message>
        <source>shows on its day</source>
        <translation>当天显示</translation>
    </message>
    <message>
        <source> days ahead</source>
        <translation> 天前提醒</translation>
    </message>
    <message>
        <source>on the day itself</source>
        <translation>当天提醒</translation>
    </message>
    <message>
        <source>falls </source>
        <translation>时间：</translation>
    </message>
    <message>
        <source> days before departure</source>
        <translation> 天（出发前）</translation>
    </message>
    <message>
        <source>falls on the day of departure</source>
        <translation>时间：出发当天</translation>
    </message>
    <message>
        <source> days after coming home</source>
        <translation> 天（回国后）</translation>
    </message>
    <message>
        <source>falls on the day of coming home</source>
        <translation>时间：回国当天</translation>
    </message>
    <message>
        <source>28 February</source>
        <translation>2月28日</translation>
    </message>
    <message>
        <source>1 March</source>
        <translation>3月1日</translation>
    </message>
    <message>
        <source>29 February in common years:</source>
        <translation>平年的2月29日：</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Missed dates stay overdue for:</source>
        <translation>错过的日期保持逾期：</translation>
    </message>
    <message>
        <source>Change agenda rules</source>
        <translation>修改日程规则</translation>
    </message>
</context>
<context>
    <name>AgendaView</name>
    <message>
        <source>When</source>
        <extracomment>Item data role holding the entry&apos;s index in :attr:`AgendaView.entries` (-1 on section rows). Emitted with a client id when an entry is double-clicked: open that client&apos;s dossier. Fires after the tree shows a fresh read (the first one, and each after a change). A line for the status bar: what was just done (and that Ctrl+Z undoes it). The empty agenda&apos;s &quot;New client…&quot;: the main window opens its New client dialog.</extracomment>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Why it matters</source>
        <translation>为何重要</translation>
    </message>
    <message>
        <source>Advisor</source>
        <translation>顾问</translation>
    </message>
    <message>
        <source>Last gift or greeting</source>
        <translation>上次礼物或问候</translation>
    </message>
    <message>
        <source>&amp;Done…</source>
        <translation>完成(&amp;D)…</translation>
    </message>
    <message>
        <source>Mark it done and note what was sent; it goes on the client&apos;s timeline.</source>
        <translation>标记为完成并记下送了什么；会记入客户的时间线。</translation>
    </message>
    <message>
        <source>&amp;Snooze…</source>
        <translation>稍后提醒(&amp;S)…</translation>
    </message>
    <message>
        <source>Hide it until a later day.</source>
        <translation>隐藏到以后某一天。</translation>
    </message>
    <message>
        <source>D&amp;ismiss</source>
        <translation>忽略(&amp;I)</translation>
    </message>
    <message>
        <source>Nothing to do this time; next year&apos;s comes back as usual.</source>
        <translation>这次无需处理；明年照常提醒。</translation>
    </message>
    <message>
        <source>&amp;Open dossier</source>
        <translation>打开档案(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Passports…</source>
        <translation>护照(&amp;P)…</translation>
    </message>
    <message>
        <source>This client&apos;s passports and other documents: add one, or change an expiry after a renewal.</source>
        <translation>该客户的护照及其他证件：可新增，或在续签后修改到期日。</translation>
    </message>
    <message>
        <source>&amp;Rules…</source>
        <translation>规则(&amp;R)…</translation>
    </message>
    <message>
        <source>How many days ahead each kind appears, which kinds are on.</source>
        <translation>每类提醒提前几天出现，以及启用哪些类别。</translation>
    </message>
    <message>
        <source>&amp;Mine only</source>
        <translation>只看我的(&amp;M)</translation>
    </message>
    <message>
        <source>Only the clients you are the advisor of.</source>
        <translation>只显示由您担任顾问的客户。</translation>
    </message>
    <message>
        <source>Show one kind of reminder</source>
        <translation>只显示一类提醒</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>电话：</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>邮箱：</translation>
    </message>
    <message>
        <source>WeChat:</source>
        <translation>微信：</translation>
    </message>
    <message>
        <source>Last contact:</source>
        <translation>最近联系：</translation>
    </message>
    <message>
        <source>Nothing on the agenda yet.

It fills itself from your clients: birthdays and anniversaries of the people in a dossier, passports that expire, trips to prepare and clients due a call. Add a client with their dates to begin.</source>
        <translation>日程里还没有内容。

日程会根据您的客户自动生成：档案中成员的生日和纪念日、即将到期的护照、需要准备的行程，以及该回访的客户。先添加一位客户和他们的重要日期吧。</translation>
    </message>
    <message>
        <source>&amp;New client…</source>
        <translation>新建客户(&amp;N)…</translation>
    </message>
    <message>
        <source>Agenda &amp;rules…</source>
        <translation>日程规则(&amp;R)…</translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation>日程</translation>
    </message>
    <message>
        <source>Reading the agenda…</source>
        <translation>正在读取日程…</translation>
    </message>
    <message>
        <source>today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>tomorrow</source>
        <translation>明天</translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <source>%1 days ago</source>
        <translation>%1 天前</translation>
    </message>
    <message>
        <source>in %1 days</source>
        <translation>%1 天后</translation>
    </message>
    <message>
        <source>Milestone: %1</source>
        <translation>重要节点：%1</translation>
    </message>
    <message>
        <source>The agenda could not be read: %1</source>
        <translation>无法读取日程：%1</translation>
    </message>
    <message>
        <source>Overdue</source>
        <extracomment>Rows made per turn of the event loop (a few milliseconds&apos; worth), so typing and scrolling go on while thousands of rows are made.</extracomment>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <source>Next 30 days</source>
        <translation>未来 30 天</translation>
    </message>
    <message>
        <source>Coming up (longer lead times)</source>
        <translation>即将到来（提前期较长）</translation>
    </message>
    <message>
        <source>Nothing due.</source>
        <translation>暂无待办。</translation>
    </message>
    <message>
        <source>Agenda for %1</source>
        <translation>%1 的日程</translation>
    </message>
    <message>
        <source>%1 overdue · %2 today · %3 this week</source>
        <translation>逾期 %1 · 今天 %2 · 本周 %3</translation>
    </message>
    <message>
        <source>Birthdays</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>Wedding anniversaries</source>
        <translation>结婚纪念日</translation>
    </message>
    <message>
        <source>Other dates</source>
        <translation>其他日期</translation>
    </message>
    <message>
        <source>Passport expiries</source>
        <translation>护照到期</translation>
    </message>
    <message>
        <source>Other document expiries</source>
        <translation>其他证件到期</translation>
    </message>
    <message>
        <source>Win-back</source>
        <translation>客户召回</translation>
    </message>
    <message>
        <source>Trip anniversaries</source>
        <translation>旅行周年</translation>
    </message>
    <message>
        <source>Pre-departure checks</source>
        <translation>出发前确认</translation>
    </message>
    <message>
        <source>Welcome-home calls</source>
        <translation>回国问候</translation>
    </message>
    <message>
        <source>Feedback requests</source>
        <translation>邀请反馈</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Choose a line to see how to reach the client.</source>
        <translation>选择一行以查看客户的联系方式。</translation>
    </message>
    <message>
        <source>never logged</source>
        <translation>从未记录</translation>
    </message>
    <message>
        <source>Undo with Ctrl+Z.</source>
        <translation>按 Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <source>Done: %1</source>
        <translation>完成：%1</translation>
    </message>
    <message>
        <source>Done: %1.</source>
        <translation>已完成：%1。</translation>
    </message>
    <message>
        <source>Snooze: %1</source>
        <translation>稍后提醒：%1</translation>
    </message>
    <message>
        <source>Snoozed until %1: %2.</source>
        <translation>已推迟到 %1：%2。</translation>
    </message>
    <message>
        <source>Dismiss: %1</source>
        <translation>忽略：%1</translation>
    </message>
    <message>
        <source>Dismissed: %1.</source>
        <translation>已忽略：%1。</translation>
    </message>
    <message>
        <source>%1 due today</source>
        <translation>今天到期 %1 项</translation>
    </message>
    <message>
        <source> and %1 more</source>
        <translation>，另有 %1 项</translation>
    </message>
    <message>
        <source> · %1 overdue</source>
        <translation> · 逾期 %1 项</translation>
    </message>
</context>
<context>
    <name>BackupsDialog</name>
    <message>
        <source>less than a minute ago</source>
        <translation>不到一分钟前</translation>
    </message>
    <message>
        <source>%1 minutes ago</source>
        <translation>%1 分钟前</translation>
    </message>
    <message>
        <source>%1 hours ago</source>
        <translation>%1 小时前</translation>
    </message>
    <message>
        <source>%1 days ago</source>
        <translation>%1 天前</translation>
    </message>
    <message>
        <source>Daily (automatic)</source>
        <translation>每日（自动）</translation>
    </message>
    <message>
        <source>Made by hand</source>
        <translation>手动备份</translation>
    </message>
    <message>
        <source>Kept aside by a restore</source>
        <translation>恢复前留存</translation>
    </message>
    <message>
        <source>Before an upgrade</source>
        <translation>升级前备份</translation>
    </message>
    <message>
        <source>Backups</source>
        <extracomment>Fires with the :class:`JobOutcome` when a backup or a restore started here has ended.</extracomment>
        <translation>备份</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Encrypted</source>
        <translation>已加密</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <source>Back up to &amp;folder…</source>
        <translation>备份到文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation>恢复(&amp;R)…</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>The newest backup was made %1 (%2).</source>
        <translation>最近一次备份于 %1（%2）。</translation>
    </message>
    <message>
        <source>No backup is younger than a week: back up now.</source>
        <translation>已超过一周没有备份：请立即备份。</translation>
    </message>
    <message>
        <source>There is no backup yet. Back up now, or to a folder on another disk.</source>
        <translation>还没有任何备份。请立即备份，或备份到另一块磁盘上的文件夹。</translation>
    </message>
    <message>
        <source>A backup is made each day the studio is used; 7 daily, 4 weekly and 12 monthly ones are kept.</source>
        <translation>每天使用工作室时会自动备份；保留最近 7 份每日备份、4 份每周备份和 12 份每月备份。</translation>
    </message>
    <message>
        <source>Backed up to %1 (checked).</source>
        <translation>已备份到 %1（已校验）。</translation>
    </message>
    <message>
        <source>Back up to folder</source>
        <translation>备份到文件夹</translation>
    </message>
    <message>
        <source>Restore backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>Restore the backup from %1? The studio goes back to how it was then. The studio as it is now is kept aside as a backup first, so nothing is lost.</source>
        <translation>要恢复 %1 的备份吗？工作室将回到当时的状态。恢复前会先把现在的工作室另存为一份备份，所以不会丢失任何内容。</translation>
    </message>
    <message>
        <source>Restored. The studio as it was is kept in %1.</source>
        <translation>已恢复。恢复前的工作室保存在 %1。</translation>
    </message>
</context>
<context>
    <name>BookPreview</name>
    <message>
        <source>Build the book (Ctrl+B) to see its pages here.</source>
        <translation>生成纪念册（Ctrl+B）后即可在此查看页面。</translation>
    </message>
    <message>
        <source>Preflight: after a build</source>
        <translation>印前检查：生成后显示</translation>
    </message>
    <message>
        <source>After a build: the pages, each photo&apos;s print resolution, the fonts and the file size</source>
        <translation>生成后显示：页数、每张照片的打印分辨率、字体和文件大小</translation>
    </message>
    <message>
        <source>Ready for print.</source>
        <translation>可以付印。</translation>
    </message>
    <message>
        <source>Look at the notes below before printing.</source>
        <translation>付印前请查看下面的提示。</translation>
    </message>
    <message>
        <source>%1 pages</source>
        <translation>%1 页</translation>
    </message>
    <message>
        <source>bleed and crop marks</source>
        <translation>出血和裁切标记</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <source>built in %1 s</source>
        <translation>用时 %1 秒</translation>
    </message>
    <message>
        <source>Fonts: %1, all embedded.</source>
        <translation>字体：%1，均已嵌入。</translation>
    </message>
    <message>
        <source>Fonts NOT embedded: %1</source>
        <translation>未嵌入的字体：%1</translation>
    </message>
    <message>
        <source>Photos: %1 placed</source>
        <translation>照片：已排入 %1 张</translation>
    </message>
    <message>
        <source>%1 below 200 ppi</source>
        <translation>%1 张低于 200 ppi</translation>
    </message>
    <message>
        <source>%1 ready from the last build</source>
        <translation>%1 张沿用上次生成的结果</translation>
    </message>
</context>
<context>
    <name>ChangeReason</name>
    <message>
        <source>Weather</source>
        <translation>天气</translation>
    </message>
    <message>
        <source>Client request</source>
        <translation>客户要求</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>ChangeReasonDialog</name>
    <message>
        <source>Why does this change?</source>
        <translation>为什么要修改？</translation>
    </message>
    <message>
        <source>The client is travelling. Say why “%1” changes; the reason is kept with the trip.</source>
        <translation>客户正在旅途中。请说明修改“%1”的原因；原因会随行程一并保存。</translation>
    </message>
    <message>
        <source>optional, e.g. typhoon warning, flight moved</source>
        <translation>选填，例如：台风预警、航班改期</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Detail:</source>
        <translation>详情(&amp;D)：</translation>
    </message>
</context>
<context>
    <name>ChartPanel</name>
    <message>
        <source>Numbers</source>
        <extracomment>Status colours of a target tile, readable on light and dark backgrounds.</extracomment>
        <translation>数据</translation>
    </message>
    <message>
        <source>Show the numbers behind the chart</source>
        <translation>显示图表背后的数据</translation>
    </message>
    <message>
        <source>No data for this period.</source>
        <translation>此期间没有数据。</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>无数据</translation>
    </message>
</context>
<context>
    <name>ClientListView</name>
    <message>
        <source>Search names, contacts, tags, notes…</source>
        <extracomment>Fires when the current client changes (a client id, or None when nothing is selected). Fires when the user asks to delete the current client (Delete key or context menu). Fires when the user asks for a new client from the list&apos;s context menu.</extracomment>
        <translation>搜索姓名、联系方式、标签、备注…</translation>
    </message>
    <message>
        <source>Filters as you type (Ctrl+F)</source>
        <translation>边输入边筛选（Ctrl+F）</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>All stages</source>
        <translation>全部阶段</translation>
    </message>
    <message>
        <source>Advisor</source>
        <translation>顾问</translation>
    </message>
    <message>
        <source>All tags</source>
        <translation>全部标签</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Preference profile, or a segment: new / repeat / loyal / dormant, purpose, budget, age</source>
        <translation>偏好档案或客群：新客 / 回头客 / 忠实客户 / 沉睡客户、出行目的、预算、年龄</translation>
    </message>
    <message>
        <source>All profiles</source>
        <translation>全部档案</translation>
    </message>
    <message>
        <source>Incomplete profiles</source>
        <translation>未完善的档案</translation>
    </message>
    <message>
        <source>Complete profiles</source>
        <translation>已完善的档案</translation>
    </message>
    <message>
        <source>New clients</source>
        <translation>新客户</translation>
    </message>
    <message>
        <source>Repeat clients</source>
        <translation>回头客</translation>
    </message>
    <message>
        <source>Loyal clients</source>
        <translation>忠实客户</translation>
    </message>
    <message>
        <source>Dormant clients</source>
        <translation>沉睡客户</translation>
    </message>
    <message>
        <source>Purpose: </source>
        <translation>出行目的：</translation>
    </message>
    <message>
        <source>Budget: </source>
        <translation>预算：</translation>
    </message>
    <message>
        <source>Age: </source>
        <translation>年龄：</translation>
    </message>
    <message>
        <source>Show all clients</source>
        <translation>显示全部客户</translation>
    </message>
    <message>
        <source>All advisors</source>
        <translation>全部顾问</translation>
    </message>
    <message>
        <source>No client matches “%1”.</source>
        <translation>没有与“%1”匹配的客户。</translation>
    </message>
    <message>
        <source>1 client</source>
        <translation>1 位客户</translation>
    </message>
    <message>
        <source>%1 clients</source>
        <translation>%1 位客户</translation>
    </message>
    <message>
        <source>New client…</source>
        <translation>新建客户…</translation>
    </message>
    <message>
        <source>Delete client…</source>
        <translation>删除客户…</translation>
    </message>
</context>
<context>
    <name>ClientPickerDialog</name>
    <message>
        <source>Type part of a name…</source>
        <translation>输入姓名的一部分…</translation>
    </message>
</context>
<context>
    <name>ClientTable</name>
    <message>
        <source>Prospect</source>
        <extracomment>the queries.SORTS key of a column (header data) the whole ClientRow Column → key of queries.SORTS (None: not sortable in SQL). Client fields that decide which clients are listed, or in what order. Tables whose changes can alter a line of the list.</extracomment>
        <translation>潜在客户</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>活跃</translation>
    </message>
    <message>
        <source>Repeat</source>
        <translation>回头客</translation>
    </message>
    <message>
        <source>Dormant</source>
        <translation>沉睡</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>流失</translation>
    </message>
</context>
<context>
    <name>ClientTableModel</name>
    <message>
        <source>Name</source>
        <extracomment>Fires after the id list was re-queried (filter, sort or data changed), with the new count.</extracomment>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Advisor</source>
        <translation>顾问</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Last interaction</source>
        <translation>最近联系</translation>
    </message>
    <message>
        <source>Next important date</source>
        <translation>下一个重要日期</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>删除时间</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>偏好档案</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>等级</translation>
    </message>
</context>
<context>
    <name>ClientTripsPanel</name>
    <message>
        <source>&amp;New trip for this client…</source>
        <extracomment>Fires when the user asks for a new trip for the shown client. Fires with a trip id when the user opens one of the listed trips.</extracomment>
        <translation>为该客户新建行程(&amp;N)…</translation>
    </message>
    <message>
        <source>No trips yet.</source>
        <translation>还没有行程。</translation>
    </message>
    <message>
        <source>Trip</source>
        <translation>行程</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>售价</translation>
    </message>
    <message>
        <source>no dates</source>
        <translation>未定日期</translation>
    </message>
    <message>
        <source>%1 trips</source>
        <translation>%1 个行程</translation>
    </message>
    <message>
        <source>1 trip</source>
        <translation>1 个行程</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>start time</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>end time</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <source>time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <source>arrival time zone</source>
        <translation>到达时区</translation>
    </message>
    <message>
        <source>place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <source>confirmation</source>
        <translation>确认号</translation>
    </message>
    <message>
        <source>cost</source>
        <translation>成本</translation>
    </message>
    <message>
        <source>price</source>
        <translation>售价</translation>
    </message>
    <message>
        <source>currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>another supplier</source>
        <translation>另一家供应商</translation>
    </message>
    <message>
        <source>%1 (approved)</source>
        <translation>%1（已确认）</translation>
    </message>
    <message>
        <source>Compare versions</source>
        <translation>比较版本</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>从(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;to</source>
        <translation>到(&amp;T)</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>天</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>变化内容</translation>
    </message>
    <message>
        <source>These two versions plan the same items.</source>
        <translation>这两个版本安排的项目相同。</translation>
    </message>
    <message>
        <source>This trip has no versions to compare.</source>
        <translation>该行程没有可比较的版本。</translation>
    </message>
    <message>
        <source>%1 added, %2 removed, %3 changed.</source>
        <translation>新增 %1 项，删除 %2 项，修改 %3 项。</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>修改</translation>
    </message>
</context>
<context>
    <name>ConsentDialog</name>
    <message>
        <source>Record consent</source>
        <translation>记录授权</translation>
    </message>
    <message>
        <source>&amp;Agreed</source>
        <translation>同意(&amp;A)</translation>
    </message>
    <message>
        <source>De&amp;clined</source>
        <translation>拒绝(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Purpose:</source>
        <translation>用途(&amp;P)：</translation>
    </message>
    <message>
        <source>Answer:</source>
        <translation>答复：</translation>
    </message>
    <message>
        <source>&amp;How:</source>
        <translation>方式(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>Record consent: %1</source>
        <translation>记录授权：%1</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <source>Edit contact</source>
        <translation>编辑联系方式</translation>
    </message>
    <message>
        <source>Add contact</source>
        <translation>添加联系方式</translation>
    </message>
    <message>
        <source>e.g. work, home, assistant</source>
        <translation>例如：工作、家庭、助理</translation>
    </message>
    <message>
        <source>&amp;Preferred way to reach them for this kind</source>
        <translation>此类联系方式中的首选(&amp;P)</translation>
    </message>
    <message>
        <source>Whole client (shared)</source>
        <translation>整个客户（共用）</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Value:</source>
        <translation>内容(&amp;V)：</translation>
    </message>
    <message>
        <source>&amp;Label:</source>
        <translation>标签(&amp;L)：</translation>
    </message>
    <message>
        <source>P&amp;erson:</source>
        <translation>成员(&amp;E)：</translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation>name@example.com</translation>
    </message>
    <message>
        <source>+86 138 0013 8000 (with the country code)</source>
        <translation>+86 138 0013 8000（含国家代码）</translation>
    </message>
    <message>
        <source>+33 6 12 34 56 78 (with the country code)</source>
        <translation>+33 6 12 34 56 78（含国家代码）</translation>
    </message>
    <message>
        <source>Street, city, country</source>
        <translation>街道、城市、国家</translation>
    </message>
    <message>
        <source>WeChat ID</source>
        <translation>微信号</translation>
    </message>
    <message>
        <source>Add %1 contact</source>
        <translation>添加%1联系方式</translation>
    </message>
    <message>
        <source>Edit %1 contact</source>
        <translation>编辑%1联系方式</translation>
    </message>
</context>
<context>
    <name>DateDialog</name>
    <message>
        <source>Add a date to remember</source>
        <translation>添加纪念日</translation>
    </message>
    <message>
        <source>e.g. first trip together</source>
        <translation>例如：第一次一起旅行</translation>
    </message>
    <message>
        <source>Year unknown</source>
        <translation>年份不详</translation>
    </message>
    <message>
        <source>Gregorian</source>
        <translation>公历</translation>
    </message>
    <message>
        <source>Chinese lunar (农历)</source>
        <translation>农历</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Calendar:</source>
        <translation>历法(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Label:</source>
        <translation>标签(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Month:</source>
        <translation>月(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Day:</source>
        <translation>日(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Year:</source>
        <translation>年(&amp;Y)：</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>A wedding anniversary belongs to the couple: it is kept for the household.</source>
        <translation>结婚纪念日属于夫妻二人：它记在整个家庭名下。</translation>
    </message>
    <message>
        <source>Add %1 for %2</source>
        <translation>为%2添加%1</translation>
    </message>
    <message>
        <source>Month %1 (%2月)</source>
        <translation>%2月（%1）</translation>
    </message>
</context>
<context>
    <name>DayDialog</name>
    <message>
        <source>Edit Day %1</source>
        <translation>编辑第 %1 天</translation>
    </message>
    <message>
        <source>Add day</source>
        <translation>添加一天</translation>
    </message>
    <message>
        <source>e.g. Arashiyama and the bamboo grove</source>
        <translation>例如：岚山与竹林</translation>
    </message>
    <message>
        <source>YYYY-MM-DD (empty: %1)</source>
        <translation>YYYY-MM-DD（留空：%1）</translation>
    </message>
    <message>
        <source>YYYY-MM-DD (may stay empty)</source>
        <translation>YYYY-MM-DD（可留空）</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <source>Drag the day to another place to change its date.</source>
        <translation>将这一天拖到别处即可更改日期。</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>标题(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>Add Day %1</source>
        <translation>添加第 %1 天</translation>
    </message>
</context>
<context>
    <name>DeletedView</name>
    <message>
        <source>Recently deleted</source>
        <extracomment>Fires with the client id after a client was restored from this view.</extracomment>
        <translation>最近删除</translation>
    </message>
    <message>
        <source>Deleted clients are kept here with their whole dossier. Restore one to put it back in the client list.</source>
        <translation>已删除的客户连同完整档案保留在这里。恢复后即回到客户列表。</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Nothing has been deleted.</source>
        <translation>没有已删除的内容。</translation>
    </message>
    <message>
        <source>Restore %1</source>
        <translation>恢复 %1</translation>
    </message>
</context>
<context>
    <name>DocumentsDialog</name>
    <message>
        <source>Travel documents — %1</source>
        <translation>旅行证件 — %1</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>证件</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>号码</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Passport</source>
        <translation>护照</translation>
    </message>
    <message>
        <source>Visa</source>
        <translation>签证</translation>
    </message>
    <message>
        <source>Identity card</source>
        <translation>身份证</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>选填</translation>
    </message>
    <message>
        <source>Person:</source>
        <translation>成员：</translation>
    </message>
    <message>
        <source>Document:</source>
        <translation>证件：</translation>
    </message>
    <message>
        <source>Number:</source>
        <translation>号码：</translation>
    </message>
    <message>
        <source>Expires:</source>
        <translation>到期日：</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Save changes</source>
        <translation>保存修改(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>After a renewal, select the document and change its expiry: the reminder follows the new date.</source>
        <translation>续签后，选中该证件并修改到期日：提醒会随新日期调整。</translation>
    </message>
    <message>
        <source>Add travel document</source>
        <translation>添加旅行证件</translation>
    </message>
    <message>
        <source>Change travel document</source>
        <translation>修改旅行证件</translation>
    </message>
    <message>
        <source>Remove travel document</source>
        <translation>移除旅行证件</translation>
    </message>
</context>
<context>
    <name>DoneDialog</name>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>邮件</translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>拜访</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>贺卡</translation>
    </message>
    <message>
        <source>Gift</source>
        <translation>礼物</translation>
    </message>
    <message>
        <source>Choose a template…</source>
        <translation>选择模板…</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>flowers, a card, a bottle of wine…</source>
        <translation>鲜花、贺卡、一瓶红酒…</translation>
    </message>
    <message>
        <source>e.g. 300</source>
        <translation>例如：300</translation>
    </message>
    <message>
        <source>what was said or sent</source>
        <translation>说了什么或送了什么</translation>
    </message>
    <message>
        <source>&amp;Template:</source>
        <translation>模板(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;How:</source>
        <translation>方式(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Gift:</source>
        <translation>礼物(&amp;G)：</translation>
    </message>
    <message>
        <source>C&amp;ost:</source>
        <translation>花费(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>It goes on the client&apos;s timeline as a gift or greeting.</source>
        <translation>它会作为一次礼物或问候记入客户的时间线。</translation>
    </message>
    <message>
        <source>Mark done</source>
        <translation>标记完成</translation>
    </message>
</context>
<context>
    <name>DossierView</name>
    <message>
        <source>Overview</source>
        <extracomment>Emitted with a client id when the user asks to open another client (referrer, referral). Emitted with a trip id when the user opens one of the client&apos;s trips (the Trips tab).</extracomment>
        <translation>概览</translation>
    </message>
    <message>
        <source>People</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>History</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>偏好档案</translation>
    </message>
    <message>
        <source>Trips</source>
        <translation>行程</translation>
    </message>
    <message>
        <source>Loyalty</source>
        <translation>会员忠诚度</translation>
    </message>
    <message>
        <source>&amp;Log Interaction…</source>
        <extracomment>Ctrl+L: log an interaction for the shown client (the main window may add it to a menu).</extracomment>
        <translation>记录沟通(&amp;L)…</translation>
    </message>
    <message>
        <source>Spent: %1</source>
        <translation>消费：%1</translation>
    </message>
    <message>
        <source>Next departure: %1 (%2)</source>
        <translation>下次出发：%1（%2）</translation>
    </message>
    <message>
        <source>Last trip: %1 (%2)</source>
        <translation>上次行程：%1（%2）</translation>
    </message>
    <message>
        <source>No trips yet</source>
        <translation>还没有行程</translation>
    </message>
    <message>
        <source>No clients yet</source>
        <translation>还没有客户</translation>
    </message>
    <message>
        <source>Add your first client with File ▸ New client… (Ctrl+N); their dossier will appear here.</source>
        <translation>用“文件 ▸ 新建客户…”（Ctrl+N）添加第一位客户；其档案将显示在这里。</translation>
    </message>
    <message>
        <source>No client chosen</source>
        <translation>未选择客户</translation>
    </message>
    <message>
        <source>Choose a client in the list to see their dossier: who they are, the people travelling with them, every call and meeting, and the history of changes.</source>
        <translation>在列表中选择一位客户即可查看其档案：客户是谁、同行的人、每一次通话和会面，以及修改记录。</translation>
    </message>
    <message>
        <source>Advisor: %1</source>
        <translation>顾问：%1</translation>
    </message>
    <message>
        <source>%n person</source>
        <translation>%n 人</translation>
    </message>
    <message>
        <source>%n people</source>
        <translation>%n 人</translation>
    </message>
    <message>
        <source>This client is in Recently deleted.</source>
        <translation>该客户在“最近删除”中。</translation>
    </message>
    <message>
        <source>%n open complaint — see the Timeline.</source>
        <translation>%n 项未处理的投诉 — 请查看时间线。</translation>
    </message>
    <message>
        <source>%n open complaints — see the Timeline.</source>
        <translation>%n 项未处理的投诉 — 请查看时间线。</translation>
    </message>
    <message>
        <source>Who referred this client?</source>
        <translation>谁介绍了这位客户？</translation>
    </message>
</context>
<context>
    <name>EraseDialog</name>
    <message>
        <source>Erase client for good</source>
        <extracomment>Fires with the client id once the client was erased.</extracomment>
        <translation>永久删除客户</translation>
    </message>
    <message>
        <source>Backups made until now still hold them; the last of them ages out on %1.</source>
        <translation>此前的备份中仍保留着这些数据；最后一份将于 %1 过期删除。</translation>
    </message>
    <message>
        <source>No backup holds them.</source>
        <translation>没有备份保留这些数据。</translation>
    </message>
    <message>
        <source>Erasing %1 removes their dossier, people, contacts, consent, profile, timeline, trips, documents and %2 photos (%3 records in all), with every value in the history: only “erased on this day by you” stays. In a shared studio it is erased on every laptop. This cannot be undone.</source>
        <translation>永久删除 %1 会清除其档案、成员、联系方式、授权、偏好档案、时间线、行程、证件和 %2 张照片（共 %3 条记录），修改记录中的所有内容也一并清除：只留下“由您于此日删除”。在共享工作室中，每台电脑上都会删除。此操作无法撤销。</translation>
    </message>
    <message>
        <source>Type the client&apos;s name to confirm:</source>
        <translation>输入客户姓名以确认：</translation>
    </message>
    <message>
        <source>Erase for good…</source>
        <translation>永久删除…</translation>
    </message>
    <message>
        <source>Erase %1 for good now? This is the last question.</source>
        <translation>现在永久删除 %1 吗？这是最后一次确认。</translation>
    </message>
</context>
<context>
    <name>EventFormDialog</name>
    <message>
        <source>Edit event</source>
        <translation>编辑活动</translation>
    </message>
    <message>
        <source>New event</source>
        <translation>新建活动</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>标题(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <source>T&amp;ime:</source>
        <translation>时间(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Place:</source>
        <translation>地点(&amp;P)：</translation>
    </message>
    <message>
        <source>T&amp;heme:</source>
        <translation>主题(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Capacity:</source>
        <translation>名额(&amp;C)：</translation>
    </message>
</context>
<context>
    <name>EventsDialog</name>
    <message>
        <source>Events</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>&amp;New event…</source>
        <translation>新建活动(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>Guest</source>
        <translation>来宾</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>回复</translation>
    </message>
    <message>
        <source>Came</source>
        <translation>到场</translation>
    </message>
    <message>
        <source>Invite the &amp;client list</source>
        <translation>邀请客户列表(&amp;C)</translation>
    </message>
    <message>
        <source>Invite every client the client list shows now (its search and filters)</source>
        <translation>邀请客户列表当前显示的所有客户（按其搜索和筛选）</translation>
    </message>
    <message>
        <source>Invite the selected c&amp;lient</source>
        <translation>邀请所选客户(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Remove guest</source>
        <translation>移除来宾(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Print invitations…</source>
        <translation>打印邀请函(&amp;P)…</translation>
    </message>
    <message>
        <source>%1 · %2
%3 (%4 of %5 coming)</source>
        <translation>%1 · %2
%3（%5 个名额中 %4 位出席）</translation>
    </message>
    <message>
        <source>No events yet. Start one with New event…</source>
        <translation>还没有活动。用“新建活动…”开始一个。</translation>
    </message>
    <message>
        <source>%1 invited · %2 of %3 places taken · %4 came</source>
        <translation>已邀请 %1 位 · 名额 %3 个已占 %2 个 · 到场 %4 位</translation>
    </message>
    <message>
        <source>Delete event</source>
        <translation>删除活动</translation>
    </message>
    <message>
        <source>Delete “%1”? Its guests&apos; answers stay in the history; Undo brings it back.</source>
        <translation>删除“%1”？来宾的回复仍保留在历史记录中；撤销可以恢复。</translation>
    </message>
    <message>
        <source>Invite to event</source>
        <translation>邀请参加活动</translation>
    </message>
    <message>
        <source>%1 invited now; %2 were already invited.</source>
        <translation>本次邀请 %1 位；另有 %2 位此前已邀请。</translation>
    </message>
    <message>
        <source>Record answer</source>
        <translation>记录回复</translation>
    </message>
    <message>
        <source>Record attendance</source>
        <translation>记录到场</translation>
    </message>
    <message>
        <source>Remove guest</source>
        <translation>移除来宾</translation>
    </message>
    <message>
        <source>Print invitations</source>
        <translation>打印邀请函</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>%1 invitations written to %2</source>
        <translation>已将 %1 份邀请函写入 %2</translation>
    </message>
</context>
<context>
    <name>FigureTile</name>
    <message>
        <source>Definition</source>
        <translation>定义</translation>
    </message>
    <message>
        <source>Profile completeness</source>
        <translation>档案完善度</translation>
    </message>
    <message>
        <source>Conversion</source>
        <translation>转化率</translation>
    </message>
    <message>
        <source>Churn</source>
        <translation>流失率</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Repeat rate</source>
        <translation>复购率</translation>
    </message>
    <message>
        <source>Referral share</source>
        <translation>转介绍占比</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>无数据</translation>
    </message>
    <message>
        <source>1 answer</source>
        <translation>1 份回答</translation>
    </message>
    <message>
        <source>%1 answers</source>
        <translation>%1 份回答</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>target %1 %2</source>
        <translation>目标 %1 %2</translation>
    </message>
    <message>
        <source>no target</source>
        <translation>未设目标</translation>
    </message>
    <message>
        <source>previous period: %1</source>
        <translation>上一期：%1</translation>
    </message>
    <message>
        <source>Click to see the clients behind it (%1)</source>
        <translation>点击查看相关客户（%1）</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>Choose a contacts file</source>
        <translation>选择联系人文件</translation>
    </message>
    <message>
        <source>A CSV file (any delimiter, UTF-8, UTF-16 or GBK), an Excel workbook (.xlsx) or vCards (.vcf), such as Google&apos;s or Outlook&apos;s contacts export.</source>
        <translation>CSV 文件（任意分隔符，UTF-8、UTF-16 或 GBK）、Excel 工作簿（.xlsx）或 vCard（.vcf），例如 Google 或 Outlook 导出的联系人。</translation>
    </message>
    <message>
        <source>The file to import</source>
        <translation>要导入的文件</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Import contacts</source>
        <translation>导入联系人</translation>
    </message>
    <message>
        <source>Contacts (*.csv *.txt *.tsv *.xlsx *.vcf);;All files (*)</source>
        <translation>联系人 (*.csv *.txt *.tsv *.xlsx *.vcf);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Welcome to Travel Studio</source>
        <extracomment>Fires when a join started from this dialog has ended (the :class:`JobOutcome`).</extracomment>
        <translation>欢迎使用 Travel Studio</translation>
    </message>
    <message>
        <source>Tell us who works on this laptop. Every change you make is signed with this name in the client&apos;s history.</source>
        <translation>请告诉我们是谁在使用这台电脑。您所做的每项修改都会以此名字记入客户的修改记录。</translation>
    </message>
    <message>
        <source>Someone new</source>
        <translation>新成员</translation>
    </message>
    <message>
        <source>e.g. Mei Lin or Zoë Martin</source>
        <translation>例如：Mei Lin 或 Zoë Martin</translation>
    </message>
    <message>
        <source>optional, e.g. 林美</source>
        <translation>选填，例如：林美</translation>
    </message>
    <message>
        <source>Advisor</source>
        <translation>顾问</translation>
    </message>
    <message>
        <source>Studio owner (reviews every client)</source>
        <translation>工作室负责人（审阅所有客户）</translation>
    </message>
    <message>
        <source>&amp;I am</source>
        <translation>我是(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Your name</source>
        <translation>您的姓名(&amp;Y)</translation>
    </message>
    <message>
        <source>Name in &amp;native script</source>
        <translation>母语姓名(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Role</source>
        <translation>角色(&amp;R)</translation>
    </message>
    <message>
        <source>Start with</source>
        <translation>开始方式</translation>
    </message>
    <message>
        <source>The demo studio (%1 sample clients to explore)</source>
        <translation>演示工作室（含 %1 位示例客户，可随意体验）</translation>
    </message>
    <message>
        <source>An &amp;empty studio</source>
        <translation>空白工作室(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Join a shared studio (the owner shared it; you have its key)</source>
        <translation>加入共享工作室(&amp;J)（负责人已共享，您持有密钥）</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>隐私</translation>
    </message>
    <message>
        <source>&amp;Encrypt this studio, its photos and its backups (recommended)</source>
        <translation>加密此工作室、照片和备份（推荐）(&amp;E)</translation>
    </message>
    <message>
        <source>Studio &amp;passphrase</source>
        <translation>工作室口令(&amp;P)</translation>
    </message>
    <message>
        <source>The same a&amp;gain</source>
        <translation>再输入一次(&amp;G)</translation>
    </message>
    <message>
        <source>The key is kept in this computer&apos;s keychain; nothing to remember.</source>
        <translation>密钥保存在这台电脑的钥匙串中，无需记忆。</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>两次输入的口令不一致。</translation>
    </message>
    <message>
        <source>&amp;Join and start</source>
        <translation>加入并开始(&amp;J)</translation>
    </message>
    <message>
        <source>Your name cannot be empty.</source>
        <translation>姓名不能为空。</translation>
    </message>
    <message>
        <source>Say where the studio is shared, and give its key (a file or pasted).</source>
        <translation>请填写工作室的共享位置，并提供密钥（文件或粘贴）。</translation>
    </message>
    <message>
        <source>Building the demo studio…</source>
        <translation>正在生成演示工作室…</translation>
    </message>
    <message>
        <source>Demo studio</source>
        <translation>演示工作室</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>Discard what you typed in this dialog?</source>
        <extracomment>Core field names that should show their message under another field (e.g. &quot;email&quot; → &quot;value&quot;).</extracomment>
        <translation>放弃在此对话框中输入的内容吗？</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>继续编辑</translation>
    </message>
</context>
<context>
    <name>GlanceCard</name>
    <message>
        <source>Fold the card to one line</source>
        <extracomment>Emitted when the user clicks &quot;edit profile&quot; on the card. Lines of the card when open (collapsed: one line).</extracomment>
        <translation>将卡片折叠为一行</translation>
    </message>
    <message>
        <source>Show the whole card</source>
        <translation>显示完整卡片</translation>
    </message>
    <message>
        <source>No preferences recorded yet — fill in the Profile tab.</source>
        <translation>尚未记录偏好 — 请填写“偏好档案”标签页。</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>… 另有 %1 项</translation>
    </message>
    <message>
        <source>Must know:</source>
        <translation>必须知道：</translation>
    </message>
    <message>
        <source>Loves:</source>
        <translation>喜爱：</translation>
    </message>
    <message>
        <source>Avoid:</source>
        <translation>避免：</translation>
    </message>
    <message>
        <source>Every time:</source>
        <translation>每次都要：</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <source>Getting started</source>
        <translation>入门指南</translation>
    </message>
    <message>
        <source>Every morning: the Agenda (Ctrl+1)</source>
        <translation>每天早上：日程（Ctrl+1）</translation>
    </message>
    <message>
        <source>Birthdays, anniversaries, expiring passports, trip tasks and clients due a call. Choose a line and press Done (Alt+D) to note how you reached them and what you sent, Snooze (Alt+S) to see it again later, or Dismiss. The panel beside the list shows the client&apos;s phone, email and WeChat.</source>
        <translation>生日、纪念日、即将到期的护照、行程任务和该回访的客户。选择一行后按“完成”（Alt+D）记下您如何联系了客户、送了什么；按“稍后提醒”（Alt+S）以后再看；或选择“忽略”。列表旁的面板显示客户的电话、邮箱和微信。</translation>
    </message>
    <message>
        <source>Clients (Ctrl+2)</source>
        <translation>客户（Ctrl+2）</translation>
    </message>
    <message>
        <source>Find a client with Ctrl+F, add one with Ctrl+N. The dossier beside the list holds people, contacts, preferences and the timeline; log a call or a meeting with Ctrl+L.</source>
        <translation>按 Ctrl+F 查找客户，按 Ctrl+N 新建客户。列表旁的档案包含成员、联系方式、偏好和时间线；按 Ctrl+L 记录一次电话或会面。</translation>
    </message>
    <message>
        <source>Trips (Ctrl+3)</source>
        <translation>行程（Ctrl+3）</translation>
    </message>
    <message>
        <source>Every trip from inquiry to follow-up. Start one with Ctrl+Shift+N, plan its days, print the itinerary handout with Ctrl+P, and after the trip build its memory book with Ctrl+B.</source>
        <translation>每个行程从咨询到回访的全过程。按 Ctrl+Shift+N 新建行程，安排每日行程，按 Ctrl+P 打印行程单，旅行结束后按 Ctrl+B 生成纪念册。</translation>
    </message>
    <message>
        <source>Nothing is lost</source>
        <translation>什么都不会丢失</translation>
    </message>
    <message>
        <source>Every change can be undone with Ctrl+Z (redo: Ctrl+Y or Ctrl+Shift+Z), also right after saving a field. A deleted client waits in Recently deleted.</source>
        <translation>每次修改都可以按 Ctrl+Z 撤销（重做：Ctrl+Y 或 Ctrl+Shift+Z），刚保存的字段也可以。删除的客户会保留在“最近删除”中。</translation>
    </message>
    <message>
        <source>The keyboard</source>
        <translation>键盘操作</translation>
    </message>
    <message>
        <source>Tab moves between fields and out of a list; F6 or Ctrl+Tab goes to the next pane. Help ▸ Keyboard shortcuts lists every key.</source>
        <translation>Tab 在字段之间移动，也可以移出列表；F6 或 Ctrl+Tab 切换到下一个窗格。“帮助 ▸ 键盘快捷键”列出了所有按键。</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>When</source>
        <extracomment>The UTC ISO time of a row, for sorting.</extracomment>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>修改</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>Filter the history…</source>
        <translation>筛选修改记录…</translation>
    </message>
    <message>
        <source>History</source>
        <translation>修改记录</translation>
    </message>
</context>
<context>
    <name>ImportContactsWizard</name>
    <message>
        <source>Import contacts</source>
        <translation>导入联系人</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
</context>
<context>
    <name>InteractionDialog</name>
    <message>
        <source>Edit timeline entry</source>
        <extracomment>Kinds in the order of their Ctrl+1…8 shortcuts, most frequent first.</extracomment>
        <translation>编辑时间线记录</translation>
    </message>
    <message>
        <source>Log an interaction</source>
        <translation>记录一次沟通</translation>
    </message>
    <message>
        <source>&amp;Call</source>
        <translation>电话(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Meeting</source>
        <translation>会面(&amp;M)</translation>
    </message>
    <message>
        <source>M&amp;essage</source>
        <translation>消息(&amp;E)</translation>
    </message>
    <message>
        <source>Em&amp;ail</source>
        <translation>邮件(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>备注(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Feedback</source>
        <translation>反馈(&amp;F)</translation>
    </message>
    <message>
        <source>Com&amp;plaint</source>
        <translation>投诉(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Gift</source>
        <translation>礼物(&amp;G)</translation>
    </message>
    <message>
        <source>Ctrl+%1</source>
        <translation>Ctrl+%1</translation>
    </message>
    <message>
        <source>What happened, in a few words</source>
        <translation>简要说明发生了什么</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>未评分</translation>
    </message>
    <message>
        <source> / 100</source>
        <translation> / 100</translation>
    </message>
    <message>
        <source>Whole client</source>
        <translation>整个客户</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Summary:</source>
        <translation>摘要(&amp;S)：</translation>
    </message>
    <message>
        <source>Detai&amp;ls:</source>
        <translation>详情(&amp;L)：</translation>
    </message>
    <message>
        <source>Satisfac&amp;tion:</source>
        <translation>满意度(&amp;T)：</translation>
    </message>
    <message>
        <source>Pe&amp;rson:</source>
        <translation>成员(&amp;R)：</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>编辑%1</translation>
    </message>
    <message>
        <source>Log %1</source>
        <translation>记录%1</translation>
    </message>
    <message>
        <source>Say in a few words what happened.</source>
        <translation>请简要说明发生了什么。</translation>
    </message>
</context>
<context>
    <name>JoinDialog</name>
    <message>
        <source>Join a shared studio</source>
        <extracomment>Fires when the join has ended, with the :class:`~ui.workers.JobOutcome`.</extracomment>
        <translation>加入共享工作室</translation>
    </message>
    <message>
        <source>Fetch the whole studio from the place the owner shared it in. This laptop then works offline like any other and exchanges changes when the place is reachable.</source>
        <translation>从负责人共享的位置获取整个工作室。之后这台电脑和其他电脑一样可离线工作，在能访问共享位置时交换修改。</translation>
    </message>
    <message>
        <source>&amp;Join</source>
        <translation>加入(&amp;J)</translation>
    </message>
</context>
<context>
    <name>JoinForm</name>
    <message>
        <source>studio-key.json from the owner&apos;s laptop</source>
        <translation>负责人电脑上的 studio-key.json</translation>
    </message>
    <message>
        <source>Choose &amp;key file…</source>
        <translation>选择密钥文件(&amp;K)…</translation>
    </message>
    <message>
        <source>…or paste the studio key from the recovery sheet (or a QR scan)</source>
        <translation>…或粘贴恢复单上的工作室密钥（或扫描二维码）</translation>
    </message>
    <message>
        <source>Where the studio is shared</source>
        <translation>工作室共享位置</translation>
    </message>
    <message>
        <source>The studio key</source>
        <translation>工作室密钥</translation>
    </message>
    <message>
        <source>Key &amp;file</source>
        <translation>密钥文件(&amp;F)</translation>
    </message>
    <message>
        <source>or &amp;paste it</source>
        <translation>或粘贴(&amp;P)</translation>
    </message>
    <message>
        <source>Choose the studio key</source>
        <translation>选择工作室密钥</translation>
    </message>
    <message>
        <source>Studio key (*.json)</source>
        <translation>工作室密钥 (*.json)</translation>
    </message>
    <message>
        <source>Join code %1 — the same as on the owner&apos;s recovery sheet?</source>
        <translation>加入码 %1 — 与负责人恢复单上的一致吗？</translation>
    </message>
</context>
<context>
    <name>JoinRunner</name>
    <message>
        <source>Joining the shared studio…</source>
        <translation>正在加入共享工作室…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Join a shared studio</source>
        <translation>加入共享工作室</translation>
    </message>
    <message>
        <source>Stopping after this step…</source>
        <translation>完成此步骤后停止…</translation>
    </message>
</context>
<context>
    <name>KindBadge</name>
    <message>
        <source>F</source>
        <extracomment>The letter on each kind&apos;s badge (translatable; distinct within a language).</extracomment>
        <translation>机</translation>
    </message>
    <message>
        <source>L</source>
        <translation>宿</translation>
    </message>
    <message>
        <source>T</source>
        <translation>车</translation>
    </message>
    <message>
        <source>A</source>
        <translation>游</translation>
    </message>
    <message>
        <source>D</source>
        <translation>餐</translation>
    </message>
    <message>
        <source>~</source>
        <translation>闲</translation>
    </message>
    <message>
        <source>N</source>
        <translation>注</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>The app now speaks %1.</source>
        <translation>界面语言已切换为%1。</translation>
    </message>
    <message>
        <source>the system&apos;s language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>跟随系统</translation>
    </message>
</context>
<context>
    <name>LoyaltyPanel</name>
    <message>
        <source>Loyalty tier</source>
        <extracomment>Tables whose change can alter what the tab shows. Emitted with a client id when a friend&apos;s name is clicked.</extracomment>
        <translation>会员等级</translation>
    </message>
    <message>
        <source>%1 — completed trips: %2</source>
        <translation>%1 — 已完成行程：%2</translation>
    </message>
    <message>
        <source>No tier yet — completed trips: %1</source>
        <translation>尚无等级 — 已完成行程：%1</translation>
    </message>
    <message>
        <source>The studio has no tiers yet (Clients › Loyalty tiers…).</source>
        <translation>工作室尚未设定会员等级（客户 › 会员等级…）。</translation>
    </message>
    <message>
        <source>Next: %1 (%2); completed trips still needed: %3.</source>
        <translation>下一级：%1（%2）；还需完成行程：%3。</translation>
    </message>
    <message>
        <source>Next: %1 (%2).</source>
        <translation>下一级：%1（%2）。</translation>
    </message>
    <message>
        <source>Friends they brought</source>
        <translation>推荐来的朋友</translation>
    </message>
    <message>
        <source>None yet.</source>
        <translation>暂无。</translation>
    </message>
    <message>
        <source>no confirmed trip yet</source>
        <translation>尚无已确认行程</translation>
    </message>
    <message>
        <source>first trip %1 confirmed %2; thanked %3</source>
        <translation>首次行程 %1 于 %2 确认；%3 已致谢</translation>
    </message>
    <message>
        <source>first trip %1 confirmed %2; reward not given yet</source>
        <translation>首次行程 %1 于 %2 确认；尚未奖励</translation>
    </message>
    <message>
        <source>Ideas for this client</source>
        <translation>为该客户推荐的灵感</translation>
    </message>
    <message>
        <source>No ideas yet: they need a profile, and similar clients need trips they rated 90 or more.</source>
        <translation>暂无推荐：需要该客户的偏好档案，以及相似客户评分 90 分以上的行程。</translation>
    </message>
    <message>
        <source>Loved there: %1</source>
        <translation>他们在那里最喜欢：%1</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>Not invited to an event yet.</source>
        <translation>尚未被邀请参加活动。</translation>
    </message>
    <message>
        <source>came</source>
        <translation>已到场</translation>
    </message>
    <message>
        <source>Post-trip surveys</source>
        <translation>行程后问卷</translation>
    </message>
    <message>
        <source>No survey answered yet.</source>
        <translation>尚无问卷回复。</translation>
    </message>
    <message>
        <source>%1: %2/100, would recommend %3/10</source>
        <translation>%1：%2/100，推荐意愿 %3/10</translation>
    </message>
    <message>
        <source>invited</source>
        <translation>已邀请</translation>
    </message>
    <message>
        <source>coming</source>
        <translation>出席</translation>
    </message>
    <message>
        <source>maybe</source>
        <translation>待定</translation>
    </message>
    <message>
        <source>not coming</source>
        <translation>不出席</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Travel Studio</source>
        <translation>Travel Studio</translation>
    </message>
    <message>
        <source>Agenda</source>
        <extracomment>The sidebar&apos;s areas in order; the View menu lists them with Ctrl+1… in this order.</extracomment>
        <translation>日程</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Trips</source>
        <translation>行程</translation>
    </message>
    <message>
        <source>Recently deleted</source>
        <translation>最近删除</translation>
    </message>
    <message>
        <source>Restored. It is back in the client list.</source>
        <translation>已恢复，已回到客户列表。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New client…</source>
        <translation>新建客户(&amp;N)…</translation>
    </message>
    <message>
        <source>Studio &amp;details…</source>
        <translation>工作室信息(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Find client</source>
        <translation>查找客户(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Delete client…</source>
        <translation>删除客户(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Clients</source>
        <translation>客户(&amp;C)</translation>
    </message>
    <message>
        <source>Recently &amp;deleted</source>
        <translation>最近删除(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Trips</source>
        <translation>行程(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Agenda</source>
        <translation>日程(&amp;A)</translation>
    </message>
    <message>
        <source>Studio</source>
        <translation>工作室</translation>
    </message>
    <message>
        <source>My figures</source>
        <translation>我的数据</translation>
    </message>
    <message>
        <source>&amp;Studio</source>
        <translation>工作室(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;My figures</source>
        <translation>我的数据(&amp;M)</translation>
    </message>
    <message>
        <source>Next &amp;pane</source>
        <translation>下一个窗格(&amp;P)</translation>
    </message>
    <message>
        <source>Pre&amp;vious pane</source>
        <translation>上一个窗格(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;New trip…</source>
        <translation>新建行程(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;This client&apos;s trips</source>
        <translation>该客户的行程(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Print/Export itinerary…</source>
        <translation>打印/导出行程单(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Build memory book</source>
        <translation>生成纪念册(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Suppliers…</source>
        <translation>供应商(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Getting started</source>
        <translation>入门指南(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About Travel Studio</source>
        <translation>关于 Travel Studio(&amp;A)</translation>
    </message>
    <message>
        <source>That client is in Recently deleted.</source>
        <translation>该客户在“最近删除”中。</translation>
    </message>
    <message>
        <source>No trips for this client yet; start one with New trip… (Ctrl+Shift+N).</source>
        <translation>该客户还没有行程；可用“新建行程…”（Ctrl+Shift+N）创建。</translation>
    </message>
    <message>
        <source>Client created.</source>
        <translation>客户已创建。</translation>
    </message>
    <message>
        <source>Delete client</source>
        <translation>删除客户</translation>
    </message>
    <message>
        <source>Move %1 to Recently deleted?

The whole dossier is kept and can be restored from Recently deleted, or with Undo.</source>
        <translation>将 %1 移到“最近删除”吗？

完整档案会保留，可在“最近删除”中恢复，或用撤销恢复。</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>删除 %1</translation>
    </message>
    <message>
        <source>Moved to Recently deleted. Undo with Ctrl+Z.</source>
        <translation>已移到“最近删除”。按 Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <source>Studio details saved. Undo with Ctrl+Z.</source>
        <translation>工作室信息已保存。按 Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <source>About Travel Studio</source>
        <translation>关于 Travel Studio</translation>
    </message>
    <message>
        <source>Travel Studio %1
Client dossiers, itineraries and keepsakes for boutique travel studios.</source>
        <translation>Travel Studio %1
为精品定制旅行工作室打造的客户档案、行程方案与旅行纪念册。</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>What each column holds</source>
        <translation>每一列的内容</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>First value</source>
        <translation>第一个值</translation>
    </message>
    <message>
        <source>Import as</source>
        <translation>导入为</translation>
    </message>
    <message>
        <source>(not imported)</source>
        <translation>（不导入）</translation>
    </message>
    <message>
        <source>Recognised: %1. Check the columns, then go on.</source>
        <translation>已识别：%1。请检查各列后继续。</translation>
    </message>
    <message>
        <source>The columns are mapped as last time for a file with these columns.</source>
        <translation>各列已按上次导入相同列的文件时的方式对应。</translation>
    </message>
    <message>
        <source>Suggested from the column names; choose what each column holds.</source>
        <translation>根据列名给出的建议；请选择每一列的内容。</translation>
    </message>
</context>
<context>
    <name>MediaModel</name>
    <message>
        <source>taken %1</source>
        <extracomment>The only column: the photo. the photo&apos;s id (str) the :class:`TripMedia` row printed in the book (bool) the trip day number, or None the caption as typed (&quot;&quot; when none) &quot;none&quot;, &quot;loading&quot;, &quot;ready&quot; or &quot;failed&quot; this photo is the book&apos;s cover (bool) The mime type of photos dragged inside the strip (their ids, one per line). Tables whose changes can alter what the strip shows. Fires with the full new order of photo ids after photos were dropped inside the strip. Fires with local file paths (str) dropped from outside (the desktop, a file manager). Fires with a photo id when its thumbnail became available (or failed).</extracomment>
        <translation>拍摄于 %1</translation>
    </message>
    <message>
        <source>day %1</source>
        <translation>第 %1 天</translation>
    </message>
    <message>
        <source>no day</source>
        <translation>未分配日期</translation>
    </message>
    <message>
        <source>Left out of the book</source>
        <translation>不放入纪念册</translation>
    </message>
    <message>
        <source>The book&apos;s cover</source>
        <translation>纪念册封面</translation>
    </message>
    <message>
        <source>Chosen as the cover, but left out of the book: the first photo is used</source>
        <translation>已选作封面，但未放入纪念册：将使用第一张照片</translation>
    </message>
</context>
<context>
    <name>MemoryBookView</name>
    <message>
        <source>Add &amp;photos…</source>
        <extracomment>Where built books wait to be looked at and saved, inside the studio&apos;s data folder. Fires with a short message for the status bar. Fires with the :class:`JobOutcome` after an import of photos has ended. Fires with the :class:`JobOutcome` after a build has ended (the preview already updated). Worker processes for the build (None: one per core). Where to build instead of the studio&apos;s ``books/`` folder (e.g. a temporary one).</extracomment>
        <translation>添加照片(&amp;P)…</translation>
    </message>
    <message>
        <source>Copy photos into the studio for this trip (you can also drop files on the strip)</source>
        <translation>将照片复制到工作室的此行程下（也可以把文件拖到照片栏上）</translation>
    </message>
    <message>
        <source>Add &amp;folder…</source>
        <translation>添加文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>Add every photo in a folder and its subfolders</source>
        <translation>添加文件夹及其子文件夹中的所有照片</translation>
    </message>
    <message>
        <source>Show &amp;left-out photos</source>
        <translation>显示未选用的照片(&amp;L)</translation>
    </message>
    <message>
        <source>Photos left out of the book are shown dimmed; untick to hide them</source>
        <translation>未放入纪念册的照片以灰色显示；取消勾选即可隐藏</translation>
    </message>
    <message>
        <source>Hide this report</source>
        <translation>隐藏此报告</translation>
    </message>
    <message>
        <source>&amp;Include / Leave out</source>
        <translation>放入 / 不放入(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Caption…</source>
        <translation>图片说明(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Move to day…</source>
        <translation>移到某一天(&amp;M)…</translation>
    </message>
    <message>
        <source>Use as c&amp;over</source>
        <translation>设为封面(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Remove from trip</source>
        <translation>从行程中移除(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Build book</source>
        <extracomment>Ctrl+B: build the book (the main window may also put it in a menu).</extracomment>
        <translation>生成纪念册(&amp;B)</translation>
    </message>
    <message>
        <source>Lay out and write the memory book PDF (Ctrl+B)</source>
        <translation>排版并生成纪念册 PDF（Ctrl+B）</translation>
    </message>
    <message>
        <source>&amp;Save PDF…</source>
        <translation>保存 PDF(&amp;S)…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Choose a trip to make its memory book.</source>
        <translation>选择一个行程来制作它的纪念册。</translation>
    </message>
    <message>
        <source>Add photos to the trip</source>
        <translation>向行程添加照片</translation>
    </message>
    <message>
        <source>Photos (%1);;All files (*)</source>
        <translation>照片 (%1);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Add every photo in a folder</source>
        <translation>添加文件夹中的所有照片</translation>
    </message>
    <message>
        <source>Wait for the current task to finish (or cancel it) first.</source>
        <translation>请先等待当前任务完成（或取消它）。</translation>
    </message>
    <message>
        <source>Add %1 photos</source>
        <translation>添加 %1 张照片</translation>
    </message>
    <message>
        <source>Add a photo</source>
        <translation>添加一张照片</translation>
    </message>
    <message>
        <source>Adding photos…</source>
        <translation>正在添加照片…</translation>
    </message>
    <message>
        <source>The photos could not be added.</source>
        <translation>无法添加照片。</translation>
    </message>
    <message>
        <source>Already in the trip: %1</source>
        <translation>已在行程中：%1</translation>
    </message>
    <message>
        <source>%1 photos added</source>
        <translation>已添加 %1 张照片</translation>
    </message>
    <message>
        <source>1 photo added</source>
        <translation>已添加 1 张照片</translation>
    </message>
    <message>
        <source>%1 already in the trip</source>
        <translation>%1 张已在行程中</translation>
    </message>
    <message>
        <source>%1 skipped</source>
        <translation>跳过 %1 张</translation>
    </message>
    <message>
        <source>Stopped before the end; the photos taken in so far are kept.</source>
        <translation>已中途停止；已导入的照片会保留。</translation>
    </message>
    <message>
        <source>Memory book</source>
        <translation>纪念册</translation>
    </message>
    <message>
        <source>Include photos in the book</source>
        <translation>将照片放入纪念册</translation>
    </message>
    <message>
        <source>Leave photos out of the book</source>
        <translation>不将照片放入纪念册</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>图片说明</translation>
    </message>
    <message>
        <source>Caption of %1:</source>
        <translation>%1 的图片说明：</translation>
    </message>
    <message>
        <source>Edit caption</source>
        <translation>编辑图片说明</translation>
    </message>
    <message>
        <source>No day</source>
        <translation>未分配日期</translation>
    </message>
    <message>
        <source>Move to day</source>
        <translation>移到某一天</translation>
    </message>
    <message>
        <source>Day of the trip:</source>
        <translation>行程第几天：</translation>
    </message>
    <message>
        <source>Move photos to another day</source>
        <translation>将照片移到另一天</translation>
    </message>
    <message>
        <source>Choose the book&apos;s cover</source>
        <translation>选择纪念册封面</translation>
    </message>
    <message>
        <source>Remove %1 photos</source>
        <translation>移除 %1 张照片</translation>
    </message>
    <message>
        <source>Remove a photo</source>
        <translation>移除一张照片</translation>
    </message>
    <message>
        <source>Removed from the trip; Undo (Ctrl+Z) brings them back.</source>
        <translation>已从行程中移除；撤销（Ctrl+Z）可找回。</translation>
    </message>
    <message>
        <source>Reorder photos</source>
        <translation>调整照片顺序</translation>
    </message>
    <message>
        <source>%1 photos</source>
        <translation>%1 张照片</translation>
    </message>
    <message>
        <source>1 photo</source>
        <translation>1 张照片</translation>
    </message>
    <message>
        <source>%1 left out</source>
        <translation>%1 张未选用</translation>
    </message>
    <message>
        <source>No photos yet: add some, or drop them here.</source>
        <translation>还没有照片：添加一些，或直接拖到这里。</translation>
    </message>
    <message>
        <source>Building the book…</source>
        <translation>正在生成纪念册…</translation>
    </message>
    <message>
        <source>The book was cancelled; nothing was written.</source>
        <translation>已取消生成纪念册；未写入任何内容。</translation>
    </message>
    <message>
        <source>The memory book could not be built</source>
        <translation>无法生成纪念册</translation>
    </message>
    <message>
        <source>The memory book could not be shown</source>
        <translation>无法显示纪念册</translation>
    </message>
    <message>
        <source>The built file %1 cannot be opened.</source>
        <translation>无法打开生成的文件 %1。</translation>
    </message>
    <message>
        <source>The memory book is built: %1 pages.</source>
        <translation>纪念册已生成：共 %1 页。</translation>
    </message>
    <message>
        <source>Save the memory book</source>
        <translation>保存纪念册</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Nothing to save</source>
        <translation>没有可保存的内容</translation>
    </message>
    <message>
        <source>Build the book first (Ctrl+B).</source>
        <translation>请先生成纪念册（Ctrl+B）。</translation>
    </message>
    <message>
        <source>The memory book could not be saved</source>
        <translation>无法保存纪念册</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>NewClientDialog</name>
    <message>
        <source>Individual</source>
        <translation>个人</translation>
    </message>
    <message>
        <source>Household or travelling party</source>
        <translation>家庭或同行团体</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>机构</translation>
    </message>
    <message>
        <source>New client</source>
        <translation>新建客户</translation>
    </message>
    <message>
        <source>Romanized, e.g. Wang Xiaoming or Zoë Martin</source>
        <translation>拼音或拉丁字母，例如：Wang Xiaoming 或 Zoë Martin</translation>
    </message>
    <message>
        <source>In the client&apos;s own script, e.g. 王小明</source>
        <translation>客户母语书写，例如：王小明</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>选填</translation>
    </message>
    <message>
        <source>optional; without a country code it is a number of %1</source>
        <translation>选填；不带国家代码时视为%1的号码</translation>
    </message>
    <message>
        <source>optional, with country code: +86 138 0013 8000</source>
        <translation>选填，含国家代码：+86 138 0013 8000</translation>
    </message>
    <message>
        <source>comma separated, e.g. honeymoon, food lover</source>
        <translation>用逗号分隔，例如：蜜月, 美食爱好者</translation>
    </message>
    <message>
        <source>&amp;Name *</source>
        <extracomment>The field name used by the core&apos;s ValidationError → (editor, error label).</extracomment>
        <translation>姓名(&amp;N) *</translation>
    </message>
    <message>
        <source>Name in &amp;native script</source>
        <translation>母语姓名(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>类型(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Stage</source>
        <translation>阶段(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Advisor</source>
        <translation>顾问(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Email</source>
        <translation>邮箱(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>电话(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Tags</source>
        <translation>标签(&amp;T)</translation>
    </message>
    <message>
        <source>N&amp;otes</source>
        <translation>备注(&amp;O)</translation>
    </message>
    <message>
        <source>* required</source>
        <translation>* 必填</translation>
    </message>
    <message>
        <source>Create client</source>
        <translation>创建客户</translation>
    </message>
    <message>
        <source>New client %1</source>
        <translation>新建客户 %1</translation>
    </message>
</context>
<context>
    <name>NewTripDialog</name>
    <message>
        <source>&amp;Choose…</source>
        <translation>选择(&amp;C)…</translation>
    </message>
    <message>
        <source>e.g. Kyoto in autumn colours</source>
        <translation>例如：京都赏枫之旅</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <source>comma separated, e.g. Kyoto, Nara</source>
        <translation>用逗号分隔，例如：京都, 奈良</translation>
    </message>
    <message>
        <source>e.g. honeymoon, family, culture</source>
        <translation>例如：蜜月、亲子、人文</translation>
    </message>
    <message>
        <source>optional, e.g. 25000</source>
        <translation>选填，例如：25000</translation>
    </message>
    <message>
        <source>ISO 4217 code, e.g. USD, EUR, CNY, JPY</source>
        <translation>ISO 4217 代码，例如：USD、EUR、CNY、JPY</translation>
    </message>
    <message>
        <source>Choose the client first; their party is listed here.</source>
        <translation>请先选择客户；其同行成员会列在这里。</translation>
    </message>
    <message>
        <source>Client *</source>
        <translation>客户 *</translation>
    </message>
    <message>
        <source>&amp;Title *</source>
        <translation>标题(&amp;T) *</translation>
    </message>
    <message>
        <source>&amp;Starts</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Ends</source>
        <translation>结束(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Destinations</source>
        <translation>目的地(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Purpose</source>
        <translation>出行目的(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Budget</source>
        <translation>预算(&amp;B)</translation>
    </message>
    <message>
        <source>C&amp;urrency</source>
        <translation>币种(&amp;U)</translation>
    </message>
    <message>
        <source>Travellers</source>
        <translation>出行人</translation>
    </message>
    <message>
        <source>Create trip</source>
        <translation>创建行程</translation>
    </message>
    <message>
        <source>Nobody chosen yet</source>
        <translation>尚未选择</translation>
    </message>
    <message>
        <source>Trip for which client?</source>
        <translation>为哪位客户安排行程？</translation>
    </message>
    <message>
        <source>That client no longer exists.</source>
        <translation>该客户已不存在。</translation>
    </message>
    <message>
        <source>Nobody in this client&apos;s party yet; add people in the dossier.</source>
        <translation>该客户尚无同行成员；请在档案中添加。</translation>
    </message>
    <message>
        <source>New trip %1</source>
        <translation>新建行程 %1</translation>
    </message>
    <message>
        <source>Choose the client this trip is for.</source>
        <translation>请选择此行程所属的客户。</translation>
    </message>
    <message>
        <source>The trip would last %1 days; check the end date (a trip is at most a year).</source>
        <translation>行程将持续 %1 天；请检查结束日期（行程最长一年）。</translation>
    </message>
</context>
<context>
    <name>OverviewPanel</name>
    <message>
        <source>e.g. 王小明</source>
        <extracomment>Emitted with a client id when the user clicks the referrer or a referral. Emitted when the user asks to record consent (the dossier opens the dialog). Emitted when the user asks to choose who referred this client. Emitted when the user asks to add a contact (the dossier opens the dialog).</extracomment>
        <translation>例如：王小明</translation>
    </message>
    <message>
        <source>Not known</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>e.g. met at the Shanghai travel fair</source>
        <translation>例如：在上海旅游展上认识</translation>
    </message>
    <message>
        <source>Comma-separated, e.g. VIP, food lover</source>
        <translation>用逗号分隔，例如：VIP, 美食爱好者</translation>
    </message>
    <message>
        <source>Ch&amp;oose…</source>
        <translation>选择(&amp;O)…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Nobody referred this client</source>
        <translation>无人介绍</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详细信息</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>Nat&amp;ive name:</source>
        <translation>母语姓名(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <source>Sta&amp;ge:</source>
        <translation>阶段(&amp;G)：</translation>
    </message>
    <message>
        <source>Sou&amp;rce:</source>
        <translation>来源(&amp;R)：</translation>
    </message>
    <message>
        <source>Source &amp;detail:</source>
        <translation>来源详情(&amp;D)：</translation>
    </message>
    <message>
        <source>Referred by:</source>
        <translation>介绍人：</translation>
    </message>
    <message>
        <source>&amp;Advisor:</source>
        <translation>顾问(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Tags:</source>
        <translation>标签(&amp;T)：</translation>
    </message>
    <message>
        <source>Note&amp;s:</source>
        <translation>备注(&amp;S)：</translation>
    </message>
    <message>
        <source>Referred by this client</source>
        <translation>由该客户介绍</translation>
    </message>
    <message>
        <source>Record &amp;consent…</source>
        <translation>记录授权(&amp;C)…</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>授权</translation>
    </message>
    <message>
        <source>Add contact…</source>
        <translation>添加联系方式…</translation>
    </message>
    <message>
        <source>Key contacts</source>
        <translation>主要联系方式</translation>
    </message>
    <message>
        <source>Open this client&apos;s dossier</source>
        <extracomment>Below this width the side column goes under the details instead of beside them.</extracomment>
        <translation>打开该客户的档案</translation>
    </message>
    <message>
        <source>Nobody</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Nobody yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <source>No referrals yet.</source>
        <translation>暂无介绍的客户。</translation>
    </message>
    <message>
        <source>not asked yet</source>
        <translation>尚未询问</translation>
    </message>
    <message>
        <source>agreed</source>
        <translation>同意</translation>
    </message>
    <message>
        <source>declined</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>%1 on %2 (%3)</source>
        <translation>%1，%2（%3）</translation>
    </message>
    <message>
        <source>(preferred)</source>
        <translation>（首选）</translation>
    </message>
    <message>
        <source>…and %n more on the People tab</source>
        <translation>…另有 %n 项，见“成员”标签页</translation>
    </message>
    <message>
        <source>No contacts yet — add them on the People tab.</source>
        <translation>暂无联系方式 — 请在“成员”标签页添加。</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Change name</source>
        <translation>修改姓名</translation>
    </message>
    <message>
        <source>Change native name</source>
        <translation>修改母语姓名</translation>
    </message>
    <message>
        <source>Change kind</source>
        <translation>修改类型</translation>
    </message>
    <message>
        <source>Change stage</source>
        <translation>修改阶段</translation>
    </message>
    <message>
        <source>Change source</source>
        <translation>修改来源</translation>
    </message>
    <message>
        <source>Change source detail</source>
        <translation>修改来源详情</translation>
    </message>
    <message>
        <source>Change who referred</source>
        <translation>修改介绍人</translation>
    </message>
    <message>
        <source>Change advisor</source>
        <translation>修改顾问</translation>
    </message>
    <message>
        <source>Change tags</source>
        <translation>修改标签</translation>
    </message>
    <message>
        <source>Change notes</source>
        <translation>修改备注</translation>
    </message>
    <message>
        <source>Change client</source>
        <translation>修改客户</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Choose a studio passphrase</source>
        <translation>设置工作室口令</translation>
    </message>
    <message>
        <source>Studio passphrase</source>
        <translation>工作室口令</translation>
    </message>
    <message>
        <source>This studio is encrypted. Type its passphrase to open it.</source>
        <translation>此工作室已加密。请输入口令以打开。</translation>
    </message>
    <message>
        <source>&amp;Passphrase</source>
        <translation>口令(&amp;P)</translation>
    </message>
    <message>
        <source>The same &amp;again</source>
        <translation>再输入一次(&amp;A)</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>两次输入的口令不一致。</translation>
    </message>
    <message>
        <source>Type the passphrase, or Cancel to quit.</source>
        <translation>请输入口令，或按“取消”退出。</translation>
    </message>
    <message>
        <source>Travel Studio keeps the studio&apos;s key in your computer&apos;s keychain when it can, but %1. Choose a studio passphrase instead: you will type it each time the studio opens. Keep it safe — without it, the studio and its backups cannot be opened.</source>
        <translation>Travel Studio 通常会把工作室的密钥保存在电脑的钥匙串中，但%1。请改为设置一个工作室口令：每次打开工作室时都需要输入。请妥善保管——没有它，工作室和备份都无法打开。</translation>
    </message>
    <message>
        <source>That passphrase is wrong; try again.</source>
        <translation>口令不正确，请重试。</translation>
    </message>
    <message>
        <source>The studio&apos;s key is in this computer&apos;s keychain. A passphrase moves it into the studio&apos;s key file instead: you will type the passphrase each time it opens, and it opens on another computer too.</source>
        <translation>工作室的密钥目前保存在这台电脑的钥匙串中。设置口令后，密钥将改存到工作室的密钥文件中：每次打开时需要输入口令，在其他电脑上也能打开。</translation>
    </message>
    <message>
        <source>Choose the new passphrase. Only the key file changes; the studio and its backups open with the new passphrase from now on.</source>
        <translation>请设置新口令。只有密钥文件会改变；从现在起，工作室及其备份都用新口令打开。</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>WebDAV password</source>
        <translation>WebDAV 密码</translation>
    </message>
    <message>
        <source>To sync, Travel Studio needs the password of %1 on %2. It is used while the app is open and never written to the studio.</source>
        <translation>同步需要 %1 在 %2 上的密码。密码仅在程序运行期间使用，绝不会写入工作室。</translation>
    </message>
    <message>
        <source>Re&amp;member on this laptop (in its keychain)</source>
        <translation>在这台电脑上记住（存入钥匙串）(&amp;M)</translation>
    </message>
    <message>
        <source>This laptop has no keychain, so it asks again after a restart; scripts read %1 or the file named by %2.</source>
        <translation>这台电脑没有钥匙串，因此重启后会再次询问；脚本会读取 %1 或 %2 指定的文件。</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>密码(&amp;P)</translation>
    </message>
</context>
<context>
    <name>PeoplePanel</name>
    <message>
        <source>People</source>
        <extracomment>Emitted when the panel wants a dialog; the dossier view opens it (keeps dialogs testable).</extracomment>
        <translation>成员</translation>
    </message>
    <message>
        <source>&amp;Add person…</source>
        <translation>添加成员(&amp;A)…</translation>
    </message>
    <message>
        <source>Ed&amp;it person…</source>
        <translation>编辑成员(&amp;I)…</translation>
    </message>
    <message>
        <source>Remove person</source>
        <translation>移除成员</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Preferred</source>
        <translation>首选</translation>
    </message>
    <message>
        <source>Add &amp;contact…</source>
        <translation>添加联系方式(&amp;C)…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一次</translation>
    </message>
    <message>
        <source>Add &amp;date…</source>
        <translation>添加日期(&amp;D)…</translation>
    </message>
    <message>
        <source>Dates to remember</source>
        <translation>纪念日</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>Below this width the people list goes above the details instead of beside them.</extracomment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Shared contacts</source>
        <translation>共用联系方式</translation>
    </message>
    <message>
        <source>Ways to reach the client as a whole, e.g. the household&apos;s landline.</source>
        <translation>面向整个客户的联系方式，例如家中座机。</translation>
    </message>
    <message>
        <source>born %1</source>
        <translation>生于 %1</translation>
    </message>
    <message>
        <source>today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>in %n day</source>
        <translation>%n 天后</translation>
    </message>
    <message>
        <source>in %n days</source>
        <translation>%n 天后</translation>
    </message>
    <message>
        <source>Remove %1 from this client? You can undo this (Ctrl+Z).</source>
        <translation>从该客户中移除 %1 吗？可以撤销（Ctrl+Z）。</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>移除 %1</translation>
    </message>
    <message>
        <source>Delete %1 contact</source>
        <translation>删除%1联系方式</translation>
    </message>
    <message>
        <source>Delete date</source>
        <translation>删除日期</translation>
    </message>
</context>
<context>
    <name>PersonDialog</name>
    <message>
        <source>Edit person</source>
        <translation>编辑成员</translation>
    </message>
    <message>
        <source>Add person</source>
        <translation>添加成员</translation>
    </message>
    <message>
        <source>Name in Latin letters, e.g. Wang Xiaoming</source>
        <translation>拉丁字母姓名，例如：Wang Xiaoming</translation>
    </message>
    <message>
        <source>Name in its own script, e.g. 王小明</source>
        <translation>母语书写的姓名，例如：王小明</translation>
    </message>
    <message>
        <source>YYYY-MM-DD (optional)</source>
        <translation>YYYY-MM-DD（选填）</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>Nati&amp;ve name:</source>
        <translation>母语姓名(&amp;V)：</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>角色(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Birth date:</source>
        <translation>出生日期(&amp;B)：</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>备注(&amp;O)：</translation>
    </message>
</context>
<context>
    <name>PhotoDelegate</name>
    <message>
        <source>Photo unreadable</source>
        <translation>无法读取照片</translation>
    </message>
    <message>
        <source>Day %1</source>
        <translation>第 %1 天</translation>
    </message>
    <message>
        <source>No day</source>
        <translation>未分配日期</translation>
    </message>
    <message>
        <source>Cover</source>
        <translation>封面</translation>
    </message>
    <message>
        <source>Left out</source>
        <translation>未选用</translation>
    </message>
</context>
<context>
    <name>PlaceForm</name>
    <message>
        <source>A &amp;folder kept in sync</source>
        <extracomment>The environment variable the engine reads a WebDAV password from (never stored). Fires when what is typed or chosen changes.</extracomment>
        <translation>同步文件夹(&amp;F)</translation>
    </message>
    <message>
        <source>Syncthing, Nextcloud, ownCloud, Dropbox, OneDrive, Google Drive or a share</source>
        <translation>Syncthing、Nextcloud、ownCloud、Dropbox、OneDrive、Google Drive 或共享文件夹</translation>
    </message>
    <message>
        <source>A &amp;WebDAV address</source>
        <translation>WebDAV 地址(&amp;W)</translation>
    </message>
    <message>
        <source>e.g. ~/Sync/Our studio</source>
        <translation>例如：~/Sync/我们的工作室</translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation>浏览(&amp;R)…</translation>
    </message>
    <message>
        <source>webdavs://cloud.example.com/remote.php/dav/files/me/Studio</source>
        <translation>webdavs://cloud.example.com/remote.php/dav/files/me/Studio</translation>
    </message>
    <message>
        <source>Re&amp;member on this laptop (in its keychain)</source>
        <translation>在这台电脑上记住（存入钥匙串）(&amp;M)</translation>
    </message>
    <message>
        <source>The password is used while the app is open and never written to the studio; for scripts, set %1.</source>
        <translation>密码仅在程序运行期间使用，绝不会写入工作室；脚本请设置 %1。</translation>
    </message>
    <message>
        <source>&amp;Address</source>
        <translation>地址(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;User name</source>
        <translation>用户名(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <source>Choose the shared folder</source>
        <translation>选择共享文件夹</translation>
    </message>
</context>
<context>
    <name>PresendDialog</name>
    <message>
        <source>Before sending the proposal</source>
        <translation>发送方案之前</translation>
    </message>
    <message>
        <source>The pre-send check of “%1” found one point to look at before the proposal goes to the client:</source>
        <translation>“%1”的发送前检查发现 1 处需要在方案发给客户前确认：</translation>
    </message>
    <message>
        <source>The pre-send check of “%1” found %2 points to look at before the proposal goes to the client:</source>
        <translation>“%1”的发送前检查发现 %2 处需要在方案发给客户前确认：</translation>
    </message>
    <message>
        <source>I have looked at each point and want to send it as it is</source>
        <translation>我已逐一查看，按现状发送</translation>
    </message>
    <message>
        <source>Mark as proposed</source>
        <translation>标记为已提案</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>Dry run: what the import will do</source>
        <translation>试运行：导入将做什么</translation>
    </message>
    <message>
        <source>Nothing is written until you press Import.</source>
        <translation>按下“导入”之前不会写入任何内容。</translation>
    </message>
    <message>
        <source>Import possible &amp;duplicates as new clients</source>
        <translation>将可能重复的记录作为新客户导入(&amp;D)</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>duplicate</source>
        <translation>可能重复</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>Import contacts from %1</source>
        <translation>从 %1 导入联系人</translation>
    </message>
</context>
<context>
    <name>PrintDialog</name>
    <message>
        <source>Print or export the itinerary</source>
        <translation>打印或导出行程单</translation>
    </message>
    <message>
        <source>A&amp;4</source>
        <translation>A&amp;4</translation>
    </message>
    <message>
        <source>US &amp;Letter</source>
        <translation>美式信纸(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Show prices and totals (never costs or margins)</source>
        <translation>显示价格和合计（绝不显示成本或利润）</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <source>Language of the handout&apos;s own words and dates</source>
        <translation>行程单文字和日期所用的语言</translation>
    </message>
    <message>
        <source>Page size:</source>
        <translation>纸张大小：</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>Write PDF</source>
        <translation>生成 PDF</translation>
    </message>
    <message>
        <source>Save the itinerary as</source>
        <translation>行程单另存为</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Choose where to save the PDF.</source>
        <translation>请选择 PDF 的保存位置。</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>文件夹 %1 不存在。</translation>
    </message>
</context>
<context>
    <name>PrivacyUi</name>
    <message>
        <source>E&amp;xport client&apos;s data…</source>
        <extracomment>Fires with the zip&apos;s path once a client&apos;s data was written.</extracomment>
        <translation>导出客户数据(&amp;X)…</translation>
    </message>
    <message>
        <source>Everything about the current client as a PDF and JSON, in a zip file</source>
        <translation>将当前客户的全部资料导出为 PDF 和 JSON，打包成 zip 文件</translation>
    </message>
    <message>
        <source>E&amp;rase client for good…</source>
        <translation>永久删除客户(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Prospects to review…</source>
        <translation>待审查的潜在客户(&amp;P)…</translation>
    </message>
    <message>
        <source>Only the studio&apos;s owner can erase a client.</source>
        <translation>只有工作室负责人才能永久删除客户。</translation>
    </message>
    <message>
        <source>Export client&apos;s data</source>
        <translation>导出客户数据</translation>
    </message>
    <message>
        <source>Zip files (*.zip)</source>
        <translation>Zip 文件 (*.zip)</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>正在写入 %1…</translation>
    </message>
    <message>
        <source>Saved %1 (%2 records, %3 photos).</source>
        <translation>已保存 %1（%2 条记录，%3 张照片）。</translation>
    </message>
    <message>
        <source>The client was erased for good.</source>
        <translation>客户已永久删除。</translation>
    </message>
</context>
<context>
    <name>ProfilePanel</name>
    <message>
        <source>Eats</source>
        <translation>可吃</translation>
    </message>
    <message>
        <source>Avoids</source>
        <translation>忌口</translation>
    </message>
    <message>
        <source>Dislikes</source>
        <translation>不喜欢</translation>
    </message>
    <message>
        <source>Follows</source>
        <translation>遵循</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Must</source>
        <translation>必须</translation>
    </message>
    <message>
        <source>Not allergic</source>
        <translation>不过敏</translation>
    </message>
    <message>
        <source>By choice</source>
        <translation>个人选择</translation>
    </message>
    <message>
        <source>Allergic (intolerance)</source>
        <translation>过敏（不耐受）</translation>
    </message>
    <message>
        <source>Allergic (severe)</source>
        <translation>过敏（严重）</translation>
    </message>
    <message>
        <source>Allergic (severity)</source>
        <translation>过敏（严重程度）</translation>
    </message>
    <message>
        <source>note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>what exactly?</source>
        <translation>具体是什么？</translation>
    </message>
    <message>
        <source>Whose preferences the form shows and records</source>
        <extracomment>A note or severity typed on a row without a fact, kept until a level is chosen.</extracomment>
        <translation>表单显示和记录的是谁的偏好</translation>
    </message>
    <message>
        <source>Where what you record now was learned</source>
        <translation>现在记录的信息是从哪里得知的</translation>
    </message>
    <message>
        <source>Learned on trip (optional)</source>
        <translation>得知于哪次行程（选填）</translation>
    </message>
    <message>
        <source>For:</source>
        <translation>对象：</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>来源：</translation>
    </message>
    <message>
        <source>Profile history</source>
        <translation>偏好档案修改记录</translation>
    </message>
    <message>
        <source>Profile complete (100%).</source>
        <translation>偏好档案已完善（100%）。</translation>
    </message>
    <message>
        <source>Profile %1% complete — still to ask: %2.</source>
        <translation>偏好档案完成 %1% — 还需询问：%2。</translation>
    </message>
    <message>
        <source>Studio: %1% of dossiers complete (target %2%).</source>
        <translation>工作室：%1% 的档案已完善（目标 %2%）。</translation>
    </message>
    <message>
        <source>No changes yet.</source>
        <translation>暂无修改。</translation>
    </message>
    <message>
        <source>Kept from an older or newer taxonomy: </source>
        <translation>沿用自旧版或新版分类：</translation>
    </message>
    <message>
        <source>Remove “%1” from the profile</source>
        <translation>从偏好档案中移除“%1”</translation>
    </message>
    <message>
        <source>Set “%1” to %2</source>
        <translation>将“%1”设为%2</translation>
    </message>
    <message>
        <source>choose a level to record this</source>
        <translation>选择一个程度来记录</translation>
    </message>
    <message>
        <source>Change severity of “%1”</source>
        <translation>修改“%1”的严重程度</translation>
    </message>
    <message>
        <source>Note on “%1”</source>
        <translation>“%1”的备注</translation>
    </message>
</context>
<context>
    <name>ProspectsDialog</name>
    <message>
        <source>Prospects to review</source>
        <translation>待审查的潜在客户</translation>
    </message>
    <message>
        <source>Offer prospects untouched for</source>
        <translation>列出未联系已满</translation>
    </message>
    <message>
        <source> years</source>
        <translation> 年</translation>
    </message>
    <message>
        <source>&amp;Open dossier</source>
        <translation>打开档案(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Erase for good…</source>
        <translation>永久删除(&amp;E)…</translation>
    </message>
    <message>
        <source>%1 — last touched %2</source>
        <translation>%1 — 最近联系 %2</translation>
    </message>
    <message>
        <source>%1 prospects untouched for %2 years or more: review them, or erase them.</source>
        <translation>%1 位潜在客户已 %2 年或更久未联系：请审查，或永久删除。</translation>
    </message>
    <message>
        <source>Review prospects after %1 years</source>
        <translation>潜在客户 %1 年后需审查</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Why does the plan change?</source>
        <translation>为什么要修改安排？</translation>
    </message>
    <message>
        <source>The client is travelling, so the trip&apos;s story keeps why “%1” changes.</source>
        <translation>客户正在旅途中，行程记录会保存修改“%1”的原因。</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <source>Choose a reason (weather, client request, supplier or other).</source>
        <translation>请选择原因（天气、客户要求、供应商或其他）。</translation>
    </message>
</context>
<context>
    <name>ReasonEditor</name>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>e.g. typhoon closes the ropeway</source>
        <translation>例如：台风导致缆车停运</translation>
    </message>
</context>
<context>
    <name>RecoverySheet</name>
    <message>
        <source>Recovery sheet — %1</source>
        <translation>恢复单 — %1</translation>
    </message>
    <message>
        <source>A new laptop joins with the studio key: scan the code or save the key file and take it across (a USB stick, never e-mail). Compare the join code on both laptops. Keep this sheet somewhere safe: whoever holds the key can read the studio.</source>
        <translation>新电脑凭工作室密钥加入：扫描二维码，或保存密钥文件后拷贝过去（用 U 盘，切勿用电子邮件）。请在两台电脑上核对加入码。请妥善保管此单：持有密钥的人即可读取工作室的数据。</translation>
    </message>
    <message>
        <source>Join code</source>
        <translation>加入码</translation>
    </message>
    <message>
        <source>Shared in</source>
        <translation>共享位置</translation>
    </message>
    <message>
        <source>Studio &amp;key</source>
        <translation>工作室密钥(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Save key file…</source>
        <translation>保存密钥文件(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>Save as P&amp;DF…</source>
        <translation>另存为 PDF(&amp;D)…</translation>
    </message>
    <message>
        <source>Save the studio key</source>
        <translation>保存工作室密钥</translation>
    </message>
    <message>
        <source>Studio key (*.json)</source>
        <translation>工作室密钥 (*.json)</translation>
    </message>
    <message>
        <source>Save key file</source>
        <translation>保存密钥文件</translation>
    </message>
    <message>
        <source>Save the recovery sheet</source>
        <translation>保存恢复单</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
</context>
<context>
    <name>ReferralRuleDialog</name>
    <message>
        <source>Referral reward</source>
        <translation>推荐奖励</translation>
    </message>
    <message>
        <source>A gift</source>
        <translation>礼物</translation>
    </message>
    <message>
        <source>A credit on a next trip</source>
        <translation>下次行程抵扣额</translation>
    </message>
    <message>
        <source>e.g. a bottle of Burgundy with a handwritten card</source>
        <translation>例如一瓶勃艮第葡萄酒和一张手写卡片</translation>
    </message>
    <message>
        <source>Remind the referrer&apos;s advisor on the agenda</source>
        <translation>在日程中提醒推荐人的顾问</translation>
    </message>
    <message>
        <source>&amp;Reward:</source>
        <translation>奖励(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;What:</source>
        <translation>内容(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Amount:</source>
        <translation>金额(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Currency:</source>
        <translation>币种(&amp;C)：</translation>
    </message>
    <message>
        <source>When a referred client&apos;s first trip is confirmed, the agenda asks to thank the client who referred them; Done logs the reward on their timeline.</source>
        <translation>被推荐客户的首次行程确认后，日程会提醒感谢推荐人；标记完成后奖励会记入推荐人的时间线。</translation>
    </message>
</context>
<context>
    <name>ResolveDialog</name>
    <message>
        <source>Resolve complaint</source>
        <translation>处理投诉</translation>
    </message>
    <message>
        <source>What was done, and how the client took it</source>
        <translation>采取了什么措施，客户反应如何</translation>
    </message>
    <message>
        <source>Complaint:</source>
        <translation>投诉：</translation>
    </message>
    <message>
        <source>&amp;Resolution:</source>
        <translation>处理结果(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
</context>
<context>
    <name>Safety</name>
    <message>
        <source>Danger</source>
        <translation>危险</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>提示</translation>
    </message>
</context>
<context>
    <name>SafetyDialog</name>
    <message>
        <source>Profile flags of “%1”</source>
        <translation>“%1”的偏好提示</translation>
    </message>
    <message>
        <source>What in the plan clashes with the travellers&apos; profiles. Mark a flag checked once you have confirmed it (with the kitchen, the guide, the client): it stops shouting but stays on this list and in the pre-send check. A change to the item makes it loud again.</source>
        <translation>行程安排中与出行人偏好档案冲突的地方。与厨房、导游或客户确认后，可将提示标记为已核实：它不再醒目显示，但仍保留在此列表和发送前检查中。该项目一旦修改，提示会重新醒目显示。</translation>
    </message>
    <message>
        <source>how it was checked (optional), e.g. chef confirmed</source>
        <translation>如何核实的（选填），例如：主厨已确认</translation>
    </message>
    <message>
        <source>&amp;Mark checked</source>
        <translation>标记已核实(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Unmark</source>
        <translation>取消标记(&amp;U)</translation>
    </message>
    <message>
        <source>Day %1, “%2”: %3</source>
        <translation>第 %1 天，“%2”：%3</translation>
    </message>
    <message>
        <source>Checked: %1</source>
        <translation>已核实：%1</translation>
    </message>
    <message>
        <source>Mark the flag on “%1” checked</source>
        <translation>将“%1”的提示标记为已核实</translation>
    </message>
    <message>
        <source>Unmark the flag on “%1”</source>
        <translation>取消“%1”提示的核实标记</translation>
    </message>
</context>
<context>
    <name>SecurityUi</name>
    <message>
        <source>&amp;Backups…</source>
        <extracomment>How often the app looks whether the day&apos;s automatic backup is due (it is made once a day). Fires with the :class:`JobOutcome` when an automatic backup has ended. Fires with the :class:`JobOutcome` when encrypting the studio has ended.</extracomment>
        <translation>备份(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Encrypt this studio…</source>
        <translation>加密此工作室(&amp;E)…</translation>
    </message>
    <message>
        <source>Change studio &amp;passphrase…</source>
        <translation>修改工作室口令(&amp;P)…</translation>
    </message>
    <message>
        <source>No backup is younger than a week — File › Backups…</source>
        <translation>已超过一周没有备份 — 文件 › 备份…</translation>
    </message>
    <message>
        <source>The daily backup failed: %1</source>
        <translation>每日备份失败：%1</translation>
    </message>
    <message>
        <source>Encrypt this studio</source>
        <translation>加密此工作室</translation>
    </message>
    <message>
        <source>Encrypt the studio file, its photos and its backups? Someone who copies them then reads nothing without the key. An encrypted copy is made and checked before it replaces the plain file.</source>
        <translation>要加密工作室文件、照片和备份吗？加密后，没有密钥的人即使复制了文件也无法读取。程序会先生成一份加密副本并校验，再替换未加密的文件。</translation>
    </message>
    <message>
        <source>Encrypting the studio…</source>
        <translation>正在加密工作室…</translation>
    </message>
    <message>
        <source>The studio, its photos and its backups are encrypted.</source>
        <translation>工作室、照片和备份均已加密。</translation>
    </message>
    <message>
        <source>The studio passphrase was changed.</source>
        <translation>工作室口令已修改。</translation>
    </message>
</context>
<context>
    <name>ShareDialog</name>
    <message>
        <source>Share this studio</source>
        <extracomment>Fires once the studio is shared, with the join code.</extracomment>
        <translation>共享此工作室</translation>
    </message>
    <message>
        <source>Share this studio with the other laptops</source>
        <translation>与其他电脑共享此工作室</translation>
    </message>
    <message>
        <source>Choose a folder the studio already keeps in sync between laptops, or a WebDAV address (Nextcloud, ownCloud, a NAS, Jianguoyun). Each laptop writes only its own sealed, signed files there; the studio&apos;s own file never goes in. Every laptop keeps working offline and catches up when the place is reachable.</source>
        <translation>请选择工作室已在各电脑间同步的文件夹，或一个 WebDAV 地址（Nextcloud、ownCloud、NAS、坚果云）。每台电脑只在其中写入自己加密并签名的文件；工作室的数据库文件本身绝不会放进去。每台电脑都可离线工作，能访问共享位置时再同步。</translation>
    </message>
    <message>
        <source>&amp;Share</source>
        <translation>共享(&amp;S)</translation>
    </message>
    <message>
        <source>Writing the studio key…</source>
        <translation>正在写入工作室密钥…</translation>
    </message>
    <message>
        <source>Writing the studio to the shared place…</source>
        <translation>正在将工作室写入共享位置…</translation>
    </message>
    <message>
        <source>Shared: %1 changes written.</source>
        <translation>已共享：写入 %1 项修改。</translation>
    </message>
</context>
<context>
    <name>SharingDialog</name>
    <message>
        <source>Sharing</source>
        <extracomment>Clocks closer than this to this laptop&apos;s are shown as in step. Fires when the laptops have been read (or the read failed). Fires when a removal has ended (the :class:`JobOutcome`).</extracomment>
        <translation>共享</translation>
    </message>
    <message>
        <source>the owner&apos;s laptop</source>
        <translation>负责人的电脑</translation>
    </message>
    <message>
        <source>an advisor&apos;s laptop</source>
        <translation>顾问的电脑</translation>
    </message>
    <message>
        <source>Shared in %1 · this is %2 · join code %3</source>
        <translation>共享位置 %1 · 本机是%2 · 加入码 %3</translation>
    </message>
    <message>
        <source>S&amp;ync now</source>
        <translation>立即同步(&amp;Y)</translation>
    </message>
    <message>
        <source>&amp;Laptops</source>
        <translation>电脑(&amp;L)</translation>
    </message>
    <message>
        <source>Laptop (advisor)</source>
        <translation>电脑（顾问）</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>最近在线</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Clock</source>
        <translation>时钟</translation>
    </message>
    <message>
        <source>Change files</source>
        <translation>修改文件</translation>
    </message>
    <message>
        <source>&amp;Remove laptop…</source>
        <translation>移除电脑(&amp;R)…</translation>
    </message>
    <message>
        <source>Its later changes are refused; only the owner&apos;s laptop can remove one</source>
        <translation>之后它的修改将被拒绝；只有负责人的电脑可以移除电脑</translation>
    </message>
    <message>
        <source>Recovery &amp;sheet…</source>
        <translation>恢复单(&amp;S)…</translation>
    </message>
    <message>
        <source>Changes to &amp;review</source>
        <translation>待审阅的修改(&amp;R)</translation>
    </message>
    <message>
        <source>The same field changed on two laptops that had not seen each other&apos;s change. The later one was kept; the other stays in the field&apos;s history.</source>
        <translation>同一字段在两台电脑上被修改，且彼此尚未看到对方的修改。保留了较晚的修改；另一个值留在该字段的修改记录中。</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>保留值</translation>
    </message>
    <message>
        <source>The other value</source>
        <translation>另一个值</translation>
    </message>
    <message>
        <source>Nothing to review.</source>
        <translation>没有需要审阅的内容。</translation>
    </message>
    <message>
        <source>&amp;Take the other value</source>
        <translation>采用另一个值(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Keep as it is</source>
        <translation>保持不变(&amp;K)</translation>
    </message>
    <message>
        <source>Laptop %1</source>
        <translation>电脑 %1</translation>
    </message>
    <message>
        <source>%1 (this laptop)</source>
        <translation>%1（本机）</translation>
    </message>
    <message>
        <source>%1 (removed)</source>
        <translation>%1（已移除）</translation>
    </message>
    <message>
        <source>now</source>
        <translation>现在</translation>
    </message>
    <message>
        <source>newer (%1)</source>
        <translation>较新（%1）</translation>
    </message>
    <message>
        <source>schema %1</source>
        <translation>数据结构 %1</translation>
    </message>
    <message>
        <source>in step</source>
        <translation>一致</translation>
    </message>
    <message>
        <source>Last wrote %1 (by its own clock)</source>
        <translation>最近写入于 %1（按其自身时钟）</translation>
    </message>
    <message>
        <source>this clock</source>
        <translation>本机时钟</translation>
    </message>
    <message>
        <source>%1 ahead</source>
        <translation>快 %1</translation>
    </message>
    <message>
        <source>Its changes wait until this laptop&apos;s clock has caught up with their stamps</source>
        <translation>它的修改会等到本机时钟赶上其时间戳后再应用</translation>
    </message>
    <message>
        <source>Known once changes from it have arrived</source>
        <translation>收到它的修改后才能得知</translation>
    </message>
    <message>
        <source>Estimated from when it wrote its latest change files (by its own clock) and when they arrived here; a late arrival makes its clock look further behind</source>
        <translation>根据它写入最新修改文件的时间（按其自身时钟）和文件到达本机的时间估算；到达得晚会使它的时钟看起来更慢</translation>
    </message>
    <message>
        <source>at least %1 ahead</source>
        <translation>至少快 %1</translation>
    </message>
    <message>
        <source>up to %1 behind</source>
        <translation>最多慢 %1</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 天</translation>
    </message>
    <message>
        <source>Remove laptop</source>
        <translation>移除电脑</translation>
    </message>
    <message>
        <source>Remove %1 from the shared studio?

What it sent so far stays; anything it writes after this is refused.</source>
        <translation>要将 %1 从共享工作室中移除吗？

它已发送的内容会保留；此后它写入的任何内容都将被拒绝。</translation>
    </message>
    <message>
        <source>Recovery sheet</source>
        <translation>恢复单</translation>
    </message>
    <message>
        <source>%1 — %2, %3</source>
        <translation>%1 — %2，%3</translation>
    </message>
    <message>
        <source>Take the other value of %1</source>
        <translation>采用 %1 的另一个值</translation>
    </message>
</context>
<context>
    <name>SharingUi</name>
    <message>
        <source>S&amp;hare this studio…</source>
        <translation>共享此工作室(&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;Join a shared studio…</source>
        <translation>加入共享工作室(&amp;J)…</translation>
    </message>
    <message>
        <source>Sh&amp;aring…</source>
        <translation>共享(&amp;A)…</translation>
    </message>
    <message>
        <source>S&amp;ync now</source>
        <translation>立即同步(&amp;Y)</translation>
    </message>
    <message>
        <source>%1 changes to review in File › Sharing…</source>
        <translation>有 %1 项修改待审阅，见“文件 › 共享…”</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>In lists and panels</source>
        <translation>在列表和面板中</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Tab moves between fields and out of a list; arrows move inside a list. F6 or Ctrl+Tab goes to the next pane.</source>
        <translation>Tab 在字段之间移动，也可以移出列表；方向键在列表内移动。F6 或 Ctrl+Tab 切换到下一个窗格。</translation>
    </message>
</context>
<context>
    <name>SnoozeDialog</name>
    <message>
        <source>Snooze</source>
        <translation>稍后提醒</translation>
    </message>
    <message>
        <source>&amp;Tomorrow (%1)</source>
        <translation>明天(&amp;T)（%1）</translation>
    </message>
    <message>
        <source>&amp;Next week (%1)</source>
        <translation>下周(&amp;N)（%1）</translation>
    </message>
    <message>
        <source>&amp;After the trip (%1)</source>
        <translation>行程结束后(&amp;A)（%1）</translation>
    </message>
    <message>
        <source>&amp;On this day:</source>
        <translation>指定日期(&amp;O)：</translation>
    </message>
    <message>
        <source>(No upcoming trip for this client.)</source>
        <translation>（该客户近期没有行程。）</translation>
    </message>
</context>
<context>
    <name>SourcePage</name>
    <message>
        <source>Sheet and header row</source>
        <translation>工作表和标题行</translation>
    </message>
    <message>
        <source>Which sheet holds the contacts, and which row names the columns.</source>
        <translation>哪个工作表包含联系人，哪一行是列名。</translation>
    </message>
    <message>
        <source>&amp;Sheet:</source>
        <translation>工作表(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Header row:</source>
        <translation>标题行(&amp;H)：</translation>
    </message>
    <message>
        <source>The first rows as they will be read:</source>
        <translation>将按如下方式读取前几行：</translation>
    </message>
</context>
<context>
    <name>StoryEditor</name>
    <message>
        <source>What happened this day, in the advisor&apos;s words</source>
        <translation>这一天发生了什么（顾问的记述）</translation>
    </message>
    <message>
        <source>The client&apos;s own words, one quote per line</source>
        <translation>客户的原话，每行一句</translation>
    </message>
    <message>
        <source>One highlight per line</source>
        <translation>每行一个亮点</translation>
    </message>
    <message>
        <source>&amp;Day:</source>
        <translation>日(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Journal:</source>
        <translation>日记(&amp;J)：</translation>
    </message>
    <message>
        <source>&amp;Quotes:</source>
        <translation>语录(&amp;Q)：</translation>
    </message>
    <message>
        <source>&amp;Highlights:</source>
        <translation>亮点(&amp;H)：</translation>
    </message>
    <message>
        <source>A few lines about the whole trip, for the overview page</source>
        <translation>用几行话概括整个行程，用于概览页</translation>
    </message>
    <message>
        <source>A closing message to the travellers</source>
        <translation>写给旅行者的结语</translation>
    </message>
    <message>
        <source>Bl&amp;eed (3 mm / 0.125 in) with crop marks</source>
        <translation>出血(&amp;E)（3 毫米 / 0.125 英寸）并加裁切标记</translation>
    </message>
    <message>
        <source>For a print shop that trims the pages: photos run past the edge</source>
        <translation>适用于需要裁切的印刷厂：照片超出页面边缘</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>标题(&amp;T)：</translation>
    </message>
    <message>
        <source>S&amp;ubtitle:</source>
        <translation>副标题(&amp;U)：</translation>
    </message>
    <message>
        <source>Su&amp;mmary:</source>
        <translation>概述(&amp;M)：</translation>
    </message>
    <message>
        <source>Closin&amp;g:</source>
        <translation>结语(&amp;G)：</translation>
    </message>
    <message>
        <source>Si&amp;gnature:</source>
        <translation>署名(&amp;G)：</translation>
    </message>
    <message>
        <source>Si&amp;ze:</source>
        <translation>尺寸(&amp;Z)：</translation>
    </message>
    <message>
        <source>Journal</source>
        <translation>日记</translation>
    </message>
    <message>
        <source>Book</source>
        <translation>纪念册</translation>
    </message>
    <message>
        <source>Day %1</source>
        <translation>第 %1 天</translation>
    </message>
    <message>
        <source>Edit day %1&apos;s journal</source>
        <translation>编辑第 %1 天的日记</translation>
    </message>
    <message>
        <source>Edit day %1&apos;s quotes</source>
        <translation>编辑第 %1 天的语录</translation>
    </message>
    <message>
        <source>Edit day %1&apos;s highlights</source>
        <translation>编辑第 %1 天的亮点</translation>
    </message>
    <message>
        <source>Edit the book&apos;s %1</source>
        <translation>编辑纪念册的%1</translation>
    </message>
    <message>
        <source>Change the book&apos;s size</source>
        <translation>修改纪念册尺寸</translation>
    </message>
    <message>
        <source>Change the book&apos;s bleed</source>
        <translation>修改纪念册出血设置</translation>
    </message>
</context>
<context>
    <name>StudioDialog</name>
    <message>
        <source>Studio details</source>
        <translation>工作室信息</translation>
    </message>
    <message>
        <source>Printed on itinerary handouts, intake forms and memory books; every laptop of the studio shares them.</source>
        <translation>会印在行程单、需求问卷和纪念册上；工作室的所有电脑共用这些信息。</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>Name in &amp;Chinese:</source>
        <translation>中文名称(&amp;C)：</translation>
    </message>
    <message>
        <source>e.g. 莲途旅行</source>
        <translation>例如：莲途旅行</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>电话(&amp;P)：</translation>
    </message>
    <message>
        <source>+86 21 5555 0100 (with the country code)</source>
        <translation>+86 21 5555 0100（含国家代码）</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>邮箱(&amp;E)：</translation>
    </message>
    <message>
        <source>hello@studio.example</source>
        <translation>hello@studio.example</translation>
    </message>
    <message>
        <source>&amp;Website:</source>
        <translation>网站(&amp;W)：</translation>
    </message>
    <message>
        <source>www.studio.example</source>
        <translation>www.studio.example</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>地址(&amp;A)：</translation>
    </message>
    <message>
        <source>Street, city, country</source>
        <translation>街道、城市、国家</translation>
    </message>
    <message>
        <source>24 h emergency &amp;line:</source>
        <translation>24 小时紧急电话(&amp;L)：</translation>
    </message>
    <message>
        <source>a number answered day and night, with the country code</source>
        <translation>昼夜有人接听的号码，含国家代码</translation>
    </message>
    <message>
        <source>&amp;Tagline:</source>
        <translation>标语(&amp;T)：</translation>
    </message>
    <message>
        <source>a short line under the name on a handout&apos;s cover</source>
        <translation>行程单封面上名称下方的一句短语</translation>
    </message>
    <message>
        <source>Edit studio details</source>
        <translation>编辑工作室信息</translation>
    </message>
</context>
<context>
    <name>StudioView</name>
    <message>
        <source>My figures</source>
        <translation>我的数据</translation>
    </message>
    <message>
        <source>Studio</source>
        <translation>工作室</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>上月</translation>
    </message>
    <message>
        <source>This quarter</source>
        <translation>本季度</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>今年</translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation>自定义…</translation>
    </message>
    <message>
        <source>Whose clients</source>
        <translation>谁的客户</translation>
    </message>
    <message>
        <source>All advisors</source>
        <translation>全部顾问</translation>
    </message>
    <message>
        <source>Computing the figures…</source>
        <translation>正在计算数据…</translation>
    </message>
    <message>
        <source>Monthly report (PDF)…</source>
        <translation>月度报告（PDF）…</translation>
    </message>
    <message>
        <source>The studio report of this period as a PDF</source>
        <translation>将本期工作室报告生成为 PDF</translation>
    </message>
    <message>
        <source>Trips by step of the pipeline</source>
        <translation>各销售阶段的行程</translation>
    </message>
    <message>
        <source>Advisor</source>
        <translation>顾问</translation>
    </message>
    <message>
        <source>Trips</source>
        <translation>行程</translation>
    </message>
    <message>
        <source>Converted</source>
        <translation>已成交</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Conversion</source>
        <translation>转化率</translation>
    </message>
    <message>
        <source>Pipeline</source>
        <translation>销售漏斗</translation>
    </message>
    <message>
        <source>Revenue, cost and margin by month</source>
        <translation>每月收入、成本和利润</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>收入</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>成本</translation>
    </message>
    <message>
        <source>Margin</source>
        <translation>利润</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>项目数</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>目的地</translation>
    </message>
    <message>
        <source>Currency (never converted):</source>
        <translation>币种（不换算）：</translation>
    </message>
    <message>
        <source>Money</source>
        <translation>财务</translation>
    </message>
    <message>
        <source>The last 12 periods</source>
        <translation>最近 12 期</translation>
    </message>
    <message>
        <source>Satisfaction (0–100)</source>
        <translation>满意度（0–100）</translation>
    </message>
    <message>
        <source>Trends</source>
        <translation>趋势</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>开始于</translation>
    </message>
    <message>
        <source>Age (days)</source>
        <translation>已过天数</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Overdue care tasks</source>
        <translation>逾期的关怀任务</translation>
    </message>
    <message>
        <source>Trip</source>
        <translation>行程</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Days without contact</source>
        <translation>未联系天数</translation>
    </message>
    <message>
        <source>Leaves</source>
        <translation>出发日期</translation>
    </message>
    <message>
        <source>In days</source>
        <translation>距今天数</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>回答数</translation>
    </message>
    <message>
        <source>Referrer</source>
        <translation>介绍人</translation>
    </message>
    <message>
        <source>New clients brought</source>
        <translation>带来的新客户</translation>
    </message>
    <message>
        <source>Open complaints</source>
        <translation>未处理的投诉</translation>
    </message>
    <message>
        <source>Stale inquiries (no contact for 14 days)</source>
        <translation>停滞的咨询（14 天未联系）</translation>
    </message>
    <message>
        <source>Departures in the next 60 days</source>
        <translation>未来 60 天出发</translation>
    </message>
    <message>
        <source>Satisfaction by advisor</source>
        <translation>各顾问的满意度</translation>
    </message>
    <message>
        <source>Satisfaction by destination</source>
        <translation>各目的地的满意度</translation>
    </message>
    <message>
        <source>Referrers who brought the most</source>
        <translation>带来客户最多的介绍人</translation>
    </message>
    <message>
        <source>Care and quality</source>
        <translation>关怀与品质</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Client source</source>
        <translation>客户来源</translation>
    </message>
    <message>
        <source>By advisor</source>
        <translation>按顾问</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>任何人</translation>
    </message>
    <message>
        <source>Every kind of change</source>
        <translation>全部修改类型</translation>
    </message>
    <message>
        <source>Dossiers</source>
        <translation>档案</translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation>偏好档案</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>Care</source>
        <translation>关怀</translation>
    </message>
    <message>
        <source>Memories</source>
        <translation>回忆</translation>
    </message>
    <message>
        <source>The studio</source>
        <translation>工作室</translation>
    </message>
    <message>
        <source>Client (name or id)</source>
        <translation>客户（姓名或编号）</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>操作记录</translation>
    </message>
    <message>
        <source>%1 — beside each figure, the period before (%2)</source>
        <translation>%1 — 每项数据旁为上一期（%2）</translation>
    </message>
    <message>
        <source>No clients yet: the figures will show as the studio fills.</source>
        <translation>还没有客户：随着客户增多，这里会显示数据。</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>无数据</translation>
    </message>
    <message>
        <source>Figures of %1</source>
        <translation>数据截至 %1</translation>
    </message>
    <message>
        <source>%1 of the step before</source>
        <translation>为上一阶段的 %1</translation>
    </message>
    <message>
        <source>Clients whose preference profile is not complete (profile completeness, %1)</source>
        <translation>偏好档案未完善的客户（档案完善度，%1）</translation>
    </message>
    <message>
        <source>Clients with a trip created in %1 that has not converted</source>
        <translation>%1 新建行程但未成交的客户</translation>
    </message>
    <message>
        <source>Churned clients at the end of %1: no trip for the win-back months</source>
        <translation>%1 末的流失客户：在召回期限内没有行程</translation>
    </message>
    <message>
        <source>Clients who gave feedback in %1</source>
        <translation>%1 给出反馈的客户</translation>
    </message>
    <message>
        <source>Clients with two or more completed trips (%1)</source>
        <translation>已完成两次或以上行程的客户（%1）</translation>
    </message>
    <message>
        <source>New clients of %1 who came by referral</source>
        <translation>%1 经转介绍而来的新客户</translation>
    </message>
    <message>
        <source>Changes shown: %1 (the latest 500 at most; Export CSV has them all)</source>
        <translation>显示的修改：%1 条（最多显示最近 500 条；导出 CSV 包含全部）</translation>
    </message>
    <message>
        <source>Export activity</source>
        <translation>导出操作记录</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Exported %1 lines of activity</source>
        <translation>已导出 %1 条操作记录</translation>
    </message>
    <message>
        <source>Monthly studio report</source>
        <translation>工作室月度报告</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>已写入 %1</translation>
    </message>
</context>
<context>
    <name>SupplierDialog</name>
    <message>
        <source>e.g. Hoshinoya Kyoto</source>
        <translation>例如：Hoshinoya Kyoto</translation>
    </message>
    <message>
        <source>e.g. 星のや京都</source>
        <translation>例如：星のや京都</translation>
    </message>
    <message>
        <source>Phones, e-mail, the 24-hour line…</source>
        <translation>电话、邮箱、24 小时热线…</translation>
    </message>
    <message>
        <source>e.g. Arashiyama, Kyoto</source>
        <translation>例如：京都岚山</translation>
    </message>
    <message>
        <source>Not rated</source>
        <translation>未评分</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>类型(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Name *</source>
        <translation>姓名(&amp;N) *</translation>
    </message>
    <message>
        <source>Name in n&amp;ative script</source>
        <translation>母语名称(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Contacts</source>
        <translation>联系方式(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Location</source>
        <translation>位置(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Rating</source>
        <translation>评分(&amp;R)</translation>
    </message>
    <message>
        <source>N&amp;otes</source>
        <translation>备注(&amp;O)</translation>
    </message>
    <message>
        <source>Edit supplier %1</source>
        <translation>编辑供应商 %1</translation>
    </message>
    <message>
        <source>New supplier %1</source>
        <translation>新建供应商 %1</translation>
    </message>
</context>
<context>
    <name>Suppliers</name>
    <message>
        <source>Hotel</source>
        <translation>酒店</translation>
    </message>
    <message>
        <source>Airline</source>
        <translation>航空公司</translation>
    </message>
    <message>
        <source>Ground operator</source>
        <translation>地接社</translation>
    </message>
    <message>
        <source>Guide</source>
        <translation>导游</translation>
    </message>
    <message>
        <source>Restaurant</source>
        <translation>餐厅</translation>
    </message>
    <message>
        <source>Insurer</source>
        <translation>保险公司</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>SuppliersDialog</name>
    <message>
        <source>Suppliers</source>
        <translation>供应商</translation>
    </message>
    <message>
        <source>Filter by name, kind, place…</source>
        <translation>按名称、类型、地点筛选…</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Native name</source>
        <translation>母语名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>添加(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>Delete supplier %1</source>
        <translation>删除供应商 %1</translation>
    </message>
    <message>
        <source>Delete supplier</source>
        <translation>删除供应商</translation>
    </message>
    <message>
        <source>Delete %1 from the directory?

Items already planned with it keep their details. Undo with Ctrl+Z.</source>
        <translation>要从名录中删除 %1 吗？

已安排的相关项目会保留其信息。按 Ctrl+Z 撤销。</translation>
    </message>
</context>
<context>
    <name>SurveyPanel</name>
    <message>
        <source>0–100</source>
        <extracomment>Fires with the recorded :class:`~studio.services.loyalty.surveys.Survey` after a save. Fires with a sentence for the status bar (a PDF written).</extracomment>
        <translation>0–100</translation>
    </message>
    <message>
        <source>0–10</source>
        <translation>0–10</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <source>&amp;Save survey</source>
        <translation>保存问卷(&amp;S)</translation>
    </message>
    <message>
        <source>Print blank &amp;survey…</source>
        <translation>打印空白问卷(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Overall satisfaction (0–100):</source>
        <translation>总体满意度（0–100）(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Would recommend (0–10):</source>
        <translation>推荐意愿（0–10）(&amp;W)：</translation>
    </message>
    <message>
        <source>What to &amp;keep:</source>
        <translation>值得保留(&amp;K)：</translation>
    </message>
    <message>
        <source>What to &amp;change:</source>
        <translation>需要改进(&amp;C)：</translation>
    </message>
    <message>
        <source>Answered &amp;on:</source>
        <translation>填写日期(&amp;O)：</translation>
    </message>
    <message>
        <source>The survey follows the trip: it can be entered once the trip is under way or completed.</source>
        <translation>问卷在行程之后：行程进行中或完成后即可录入。</translation>
    </message>
    <message>
        <source>No survey answered yet for this trip.</source>
        <translation>此行程尚无问卷回复。</translation>
    </message>
    <message>
        <source>Answered on %1: %2/100, would recommend %3/10.</source>
        <translation>%1 填写：%2/100，推荐意愿 %3/10。</translation>
    </message>
    <message>
        <source>A low score: a care call is on the agenda.</source>
        <translation>评分偏低：日程中已安排关怀回访。</translation>
    </message>
    <message>
        <source>Record survey</source>
        <translation>记录问卷</translation>
    </message>
    <message>
        <source>Print survey</source>
        <translation>打印问卷</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Survey written to %1</source>
        <translation>问卷已写入 %1</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <source>Not syncing: the WebDAV password is needed (F5 asks for it)</source>
        <extracomment>How often a sync runs when nothing else starts one. How long after a local change (the last of a burst) a sync starts. How long after a change in the shared folder (the last of a burst) a sync starts. Fires with the status text whenever it may have changed. Fires with the :class:`~studio.sync.engine.SyncReport` after each successful sync. Fires when the list of changes to review has changed. Fires when a sync job ends, whatever its outcome (the :class:`~ui.workers.JobOutcome`). Asks for a WebDAV place&apos;s password: ``(password, remember in the keychain)``, or None when the user declines. Tests replace it.</extracomment>
        <translation>未同步：需要 WebDAV 密码（按 F5 输入）</translation>
    </message>
    <message>
        <source>Offline — changes kept</source>
        <translation>离线 — 修改已保留</translation>
    </message>
    <message>
        <source>Sync problem: %1</source>
        <translation>同步问题：%1</translation>
    </message>
    <message>
        <source>%1 changes waiting to go out</source>
        <translation>%1 项修改等待发送</translation>
    </message>
    <message>
        <source>1 change waiting to go out</source>
        <translation>1 项修改等待发送</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <source>Synced %1</source>
        <translation>已同步（%1）</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <source>Waiting for the owner&apos;s laptop to admit this one</source>
        <translation>等待负责人的电脑接纳本机</translation>
    </message>
    <message>
        <source>Laptop %1</source>
        <translation>电脑 %1</translation>
    </message>
    <message>
        <source>%1 runs a newer Travel Studio; update to see its %2 changes</source>
        <translation>%1 使用的是较新版本的 Travel Studio；请更新以查看其 %2 项修改</translation>
    </message>
    <message>
        <source>%1&apos;s clock is %2 min ahead; its changes wait until then</source>
        <translation>%1 的时钟快了 %2 分钟；其修改需等到那时再应用</translation>
    </message>
    <message>
        <source>Changes from %1 are held: %2</source>
        <translation>来自 %1 的修改暂缓应用：%2</translation>
    </message>
    <message>
        <source>Changes from %1 were refused: %2</source>
        <translation>来自 %1 的修改被拒绝：%2</translation>
    </message>
    <message>
        <source>Shared in %1</source>
        <translation>共享位置：%1</translation>
    </message>
    <message>
        <source>Last synced %1</source>
        <translation>最近同步：%1</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>刚刚</translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation>%1 分钟前</translation>
    </message>
    <message>
        <source>%1 h ago</source>
        <translation>%1 小时前</translation>
    </message>
    <message>
        <source>%1 days ago</source>
        <translation>%1 天前</translation>
    </message>
</context>
<context>
    <name>TierFormDialog</name>
    <message>
        <source>Edit tier</source>
        <translation>编辑等级</translation>
    </message>
    <message>
        <source>New tier</source>
        <translation>新建等级</translation>
    </message>
    <message>
        <source>1 is the first tier</source>
        <translation>1 为第一级</translation>
    </message>
    <message>
        <source>e.g. 150000 CNY, 20000 USD</source>
        <translation>例如 150000 CNY, 20000 USD</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>Name in &amp;Chinese:</source>
        <translation>中文名称(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Rank:</source>
        <translation>等级序号(&amp;R)：</translation>
    </message>
    <message>
        <source>Completed &amp;trips:</source>
        <translation>已完成行程数(&amp;T)：</translation>
    </message>
    <message>
        <source>Or lifetime &amp;spend:</source>
        <translation>或累计消费(&amp;S)：</translation>
    </message>
    <message>
        <source>Spend counts per currency and is never converted; either rule reaches the tier.</source>
        <translation>消费按币种分别计算，从不换算；满足任一条件即达到该等级。</translation>
    </message>
</context>
<context>
    <name>TiersDialog</name>
    <message>
        <source>Loyalty tiers</source>
        <translation>会员等级</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>添加(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>A client&apos;s tier is the highest one reached by completed trips or spend.</source>
        <translation>客户的会员等级是其已完成行程或消费所达到的最高等级。</translation>
    </message>
    <message>
        <source>Remove tier</source>
        <translation>移除等级</translation>
    </message>
</context>
<context>
    <name>TimelinePanel</name>
    <message>
        <source>Kind</source>
        <extracomment>Emitted when the user asks to log an interaction (the dossier view opens the dialog). Emitted with an open complaint (Interaction) the user wants to resolve. Emitted with the Interaction the user wants to edit.</extracomment>
        <translation>类型</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Advisor</source>
        <translation>顾问</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>&amp;Log interaction…</source>
        <translation>记录沟通(&amp;L)…</translation>
    </message>
    <message>
        <source>Log a call, meeting, feedback or complaint (Ctrl+L)</source>
        <translation>记录电话、会面、反馈或投诉（Ctrl+L）</translation>
    </message>
    <message>
        <source>&amp;Resolve complaint…</source>
        <translation>处理投诉(&amp;R)…</translation>
    </message>
    <message>
        <source>Close the selected complaint with what was done</source>
        <translation>填写处理措施并关闭所选投诉</translation>
    </message>
    <message>
        <source>Ed&amp;it…</source>
        <translation>编辑(&amp;I)…</translation>
    </message>
    <message>
        <source>Correct the selected entry (Enter)</source>
        <translation>更正所选记录（Enter）</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>All entries</source>
        <translation>全部记录</translation>
    </message>
    <message>
        <source>Open complaints</source>
        <translation>未处理的投诉</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未处理</translation>
    </message>
    <message>
        <source>Resolved %1</source>
        <translation>已于 %1 处理</translation>
    </message>
    <message>
        <source>Satisfaction %1/100</source>
        <translation>满意度 %1/100</translation>
    </message>
    <message>
        <source>with %1</source>
        <translation>与 %1</translation>
    </message>
    <message>
        <source>Resolved %1:</source>
        <translation>已于 %1 处理：</translation>
    </message>
    <message>
        <source>Delete entry</source>
        <translation>删除记录</translation>
    </message>
    <message>
        <source>Delete this %1 from the timeline? You can undo this (Ctrl+Z).</source>
        <translation>要从时间线中删除这条%1吗？可以撤销（Ctrl+Z）。</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>删除 %1</translation>
    </message>
</context>
<context>
    <name>TrayNotifier</name>
    <message>
        <source>Travel Studio</source>
        <translation>Travel Studio</translation>
    </message>
    <message>
        <source>Travel Studio agenda</source>
        <translation>Travel Studio 日程</translation>
    </message>
</context>
<context>
    <name>TripItemDialog</name>
    <message>
        <source>Day %1</source>
        <translation>第 %1 天</translation>
    </message>
    <message>
        <source>Edit item</source>
        <translation>编辑项目</translation>
    </message>
    <message>
        <source>Add item to Day %1</source>
        <translation>向第 %1 天添加项目</translation>
    </message>
    <message>
        <source>09:30</source>
        <translation>09:30</translation>
    </message>
    <message>
        <source>11:00</source>
        <translation>11:00</translation>
    </message>
    <message>
        <source>same</source>
        <translation>相同</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>0.00</source>
        <translation>0.00</translation>
    </message>
    <message>
        <source>comma separated, e.g. stairs, seafood, early start</source>
        <translation>用逗号分隔，例如：台阶, 海鲜, 早起</translation>
    </message>
    <message>
        <source>Day:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>标题(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Time:</source>
        <translation>时间(&amp;T)：</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Time &amp;zone:</source>
        <translation>时区(&amp;Z)：</translation>
    </message>
    <message>
        <source>arrives in</source>
        <translation>到达时区</translation>
    </message>
    <message>
        <source>&amp;Place:</source>
        <translation>地点(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Supplier:</source>
        <translation>供应商(&amp;S)：</translation>
    </message>
    <message>
        <source>C&amp;onfirmation:</source>
        <translation>确认号(&amp;O)：</translation>
    </message>
    <message>
        <source>C&amp;ost / price:</source>
        <translation>成本 / 售价(&amp;O)：</translation>
    </message>
    <message>
        <source>price</source>
        <translation>售价</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>T&amp;ags:</source>
        <translation>标签(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Why it changes:</source>
        <translation>修改原因(&amp;W)：</translation>
    </message>
    <message>
        <source>New supplier…</source>
        <translation>新建供应商…</translation>
    </message>
    <message>
        <source>Clashes: %1</source>
        <translation>冲突：%1</translation>
    </message>
    <message>
        <source>item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Add “%1” to Day %2</source>
        <translation>将“%1”添加到第 %2 天</translation>
    </message>
    <message>
        <source>Edit “%1”</source>
        <translation>编辑“%1”</translation>
    </message>
</context>
<context>
    <name>TripPlanModel</name>
    <message>
        <source>Day %1</source>
        <extracomment>Fires after the plan was re-read (a new version, a change from anywhere). Fires with ``(old_version_id, new_version_id)`` when the model moved to another version by itself: an edit of an approved version started a new one, or the shown version went away. Fires with the core&apos;s one-sentence reason when it refused a move (e.g. two flights would overlap); nothing was written. the version&apos;s profile flags, in the plan&apos;s order Asked (with the moved item&apos;s title) why the plan changes while the client travels; returns the reason, or None to cancel the move. Unset: moves are not asked about.</extracomment>
        <translation>第 %1 天</translation>
    </message>
    <message>
        <source>Day / time</source>
        <translation>日期 / 时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <source>Confirmation</source>
        <translation>确认号</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>售价</translation>
    </message>
    <message>
        <source>Check: %1</source>
        <translation>注意：%1</translation>
    </message>
    <message>
        <source>Tags: %1</source>
        <translation>标签：%1</translation>
    </message>
    <message>
        <source>Changed on the road: %1</source>
        <translation>旅途中修改：%1</translation>
    </message>
    <message>
        <source>%1 items</source>
        <translation>%1 个项目</translation>
    </message>
    <message>
        <source>Move “%1” within %2</source>
        <translation>在%2内移动“%1”</translation>
    </message>
    <message>
        <source>Move “%1” to %2</source>
        <translation>将“%1”移到%2</translation>
    </message>
    <message>
        <source>Move Day %1 to place %2</source>
        <translation>将第 %1 天移到第 %2 位</translation>
    </message>
</context>
<context>
    <name>TripPlanPanel</name>
    <message>
        <source>Add &amp;day</source>
        <extracomment>Fires after the tree changed size (the panel then shares the width among the columns). Fires with the selected item&apos;s id, or None when no item (a day, nothing) is selected. Fires with ``(old_version_id, new_version_id)`` when the panel moved to another version by itself (an edit of an approved version started a new one; undo took it away again).</extracomment>
        <translation>添加一天(&amp;D)</translation>
    </message>
    <message>
        <source>Add &amp;item</source>
        <translation>添加项目(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>上移(&amp;U)</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>下移(&amp;W)</translation>
    </message>
    <message>
        <source>Day-by-day plan</source>
        <translation>每日安排</translation>
    </message>
    <message>
        <source>Profile checks</source>
        <translation>偏好检查</translation>
    </message>
    <message>
        <source>Remove “%1”</source>
        <translation>移除“%1”</translation>
    </message>
    <message>
        <source>Day %1</source>
        <translation>第 %1 天</translation>
    </message>
    <message>
        <source>Remove “%1” and its %2 items? The days after it move up one day; Undo brings them back.</source>
        <translation>要移除“%1”及其 %2 个项目吗？之后的日期会提前一天；撤销可恢复。</translation>
    </message>
    <message>
        <source>Remove “%1”? The days after it move up one day.</source>
        <translation>要移除“%1”吗？之后的日期会提前一天。</translation>
    </message>
    <message>
        <source>Remove day</source>
        <translation>移除这一天</translation>
    </message>
    <message>
        <source>Remove Day %1</source>
        <translation>移除第 %1 天</translation>
    </message>
    <message>
        <source>Choose a trip to see its day-by-day plan.</source>
        <translation>选择一个行程以查看每日安排。</translation>
    </message>
    <message>
        <source>No days yet: add the first day (the trip&apos;s dates fill them in).</source>
        <translation>还没有日程：添加第一天（日期按行程日期自动填写）。</translation>
    </message>
    <message>
        <source>Profile check: %n item clashes with the travellers&apos; profiles</source>
        <translation>偏好检查：%n 个项目与出行人的偏好冲突</translation>
    </message>
    <message>
        <source>Profile check: %n items clash with the travellers&apos; profiles</source>
        <translation>偏好检查：%n 个项目与出行人的偏好冲突</translation>
    </message>
    <message>
        <source>Profile check: nothing clashes with the travellers&apos; profiles</source>
        <translation>偏好检查：没有与出行人偏好冲突的项目</translation>
    </message>
    <message>
        <source>Not moved: %1</source>
        <translation>未移动：%1</translation>
    </message>
    <message>
        <source>v%1 was approved by the client and is locked: any change here starts a new version.</source>
        <translation>v%1 已经客户确认并锁定：在此所做的任何修改都会生成新版本。</translation>
    </message>
    <message>
        <source>The client is travelling: each change asks why it is made (weather, client request, supplier…), so the trip&apos;s story can be told later.</source>
        <translation>客户正在旅途中：每次修改都会询问原因（天气、客户要求、供应商…），以便日后讲述这段旅程。</translation>
    </message>
    <message>
        <source>v%1 is approved and locked, so this change started v%2, shown now.</source>
        <translation>v%1 已确认并锁定，因此此修改生成了 v%2，现已显示。</translation>
    </message>
    <message>
        <source>The version shown was undone; showing v%1.</source>
        <translation>所显示的版本已撤销；现显示 v%1。</translation>
    </message>
</context>
<context>
    <name>TripTable</name>
    <message>
        <source>Inquiry</source>
        <extracomment>the trip&apos;s id (any column) a value that sorts the column sensibly the whole TripRow the trip&apos;s status key (&quot;inquiry&quot;…) the trip&apos;s client id Tables whose changes can alter a line of the pipeline.</extracomment>
        <translation>咨询</translation>
    </message>
    <message>
        <source>Drafting</source>
        <translation>方案制作中</translation>
    </message>
    <message>
        <source>Proposed</source>
        <translation>已提案</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Travelling</source>
        <translation>出行中</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Followed up</source>
        <translation>已回访</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>%1 (approved)</source>
        <translation>%1（已确认）</translation>
    </message>
</context>
<context>
    <name>TripTableModel</name>
    <message>
        <source>Trip</source>
        <extracomment>Fires after the rows were re-read, with the number of trips.</extracomment>
        <translation>行程</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Destinations</source>
        <translation>目的地</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Advisor</source>
        <translation>顾问</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Total price</source>
        <translation>总价</translation>
    </message>
    <message>
        <source>%1: price %2, cost %3, margin %4</source>
        <translation>%1：售价 %2，成本 %3，利润 %4</translation>
    </message>
</context>
<context>
    <name>TripView</name>
    <message>
        <source>The trip&apos;s title; edit it here</source>
        <extracomment>Tables whose changes can alter what a trip view shows. Emitted with a client id when the user clicks the trip&apos;s client. Emitted after the shown version changes (trip id, version id or None). Emitted with a short message for the status bar (e.g. &quot;Saved itinerary.pdf&quot;). Fires with the file&apos;s path when a handout export has been written. Fires with the sentence shown when a handout export failed (nothing was written).</extracomment>
        <translation>行程标题；可在此编辑</translation>
    </message>
    <message>
        <source>Where the trip is in the pipeline</source>
        <translation>行程当前所处的阶段</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <source>Comma-separated, e.g. Kyoto, Nara</source>
        <translation>用逗号分隔，例如：京都, 奈良</translation>
    </message>
    <message>
        <source>e.g. honeymoon, family, culture</source>
        <translation>例如：蜜月、亲子、人文</translation>
    </message>
    <message>
        <source>e.g. 25000</source>
        <translation>例如：25000</translation>
    </message>
    <message>
        <source>ISO 4217 code, e.g. USD, EUR, CNY, JPY</source>
        <translation>ISO 4217 代码，例如：USD、EUR、CNY、JPY</translation>
    </message>
    <message>
        <source>&amp;Dates:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <source>Destinatio&amp;ns:</source>
        <translation>目的地(&amp;N)：</translation>
    </message>
    <message>
        <source>Ad&amp;visor:</source>
        <translation>顾问(&amp;V)：</translation>
    </message>
    <message>
        <source>&amp;Purpose:</source>
        <translation>用途(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Budget:</source>
        <translation>预算(&amp;B)：</translation>
    </message>
    <message>
        <source>Travellers:</source>
        <translation>出行人：</translation>
    </message>
    <message>
        <source>The version shown below; the current one is printed and sent</source>
        <translation>下方显示的版本；打印和发送的是当前版本</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>复制(&amp;U)</translation>
    </message>
    <message>
        <source>Start the next proposal from this version</source>
        <translation>以此版本为基础开始下一版方案</translation>
    </message>
    <message>
        <source>&amp;Label…</source>
        <translation>标注(&amp;L)…</translation>
    </message>
    <message>
        <source>Co&amp;mpare…</source>
        <translation>比较(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Restore as current</source>
        <translation>恢复为当前版本(&amp;R)</translation>
    </message>
    <message>
        <source>Bring this version back as the newest one; nothing in between is lost</source>
        <translation>将此版本恢复为最新版本；中间的版本不会丢失</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>确认(&amp;A)</translation>
    </message>
    <message>
        <source>The client approved this version: lock it (later edits start a new version)</source>
        <translation>客户已确认此版本：将其锁定（之后的修改会生成新版本）</translation>
    </message>
    <message>
        <source>Print/E&amp;xport…</source>
        <translation>打印/导出(&amp;X)…</translation>
    </message>
    <message>
        <source>The itinerary handout as a PDF (Ctrl+P)</source>
        <translation>将行程单生成为 PDF（Ctrl+P）</translation>
    </message>
    <message>
        <source>V&amp;ersion:</source>
        <translation>版本(&amp;E)：</translation>
    </message>
    <message>
        <source>Notes on this trip: wishes, open questions, what happened on the road…</source>
        <extracomment>profile flags of the shown version</extracomment>
        <translation>此行程的备注：心愿、待确认的问题、旅途中发生的事…</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>安排</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Memory book</source>
        <translation>纪念册</translation>
    </message>
    <message>
        <source>Survey</source>
        <translation>问卷</translation>
    </message>
    <message>
        <source>&amp;Print/Export Itinerary…</source>
        <extracomment>Ctrl+P: the handout of the shown version (the main window may add it to a menu).</extracomment>
        <translation>打印/导出行程单(&amp;P)…</translation>
    </message>
    <message>
        <source>Choose a trip in the list to see its plan.</source>
        <extracomment>Below this width the header&apos;s second column and the versions bar&apos;s second half go under the first, so the trip fits a narrow pane (the window&apos;s 1000 px or a wide list beside it).</extracomment>
        <translation>在列表中选择一个行程以查看其安排。</translation>
    </message>
    <message>
        <source>No trips yet. Start one with New trip… (Ctrl+Shift+N).</source>
        <translation>还没有行程。可用“新建行程…”（Ctrl+Shift+N）创建。</translation>
    </message>
    <message>
        <source>for %1</source>
        <translation>客户：%1</translation>
    </message>
    <message>
        <source>Open the client&apos;s dossier</source>
        <translation>打开客户档案</translation>
    </message>
    <message>
        <source>Nobody yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <source>Mark %1 →</source>
        <translation>标记为%1 →</translation>
    </message>
    <message>
        <source>Move the trip to the pipeline&apos;s next step: %1</source>
        <translation>将行程推进到下一阶段：%1</translation>
    </message>
    <message>
        <source>Nobody in the client&apos;s party yet</source>
        <translation>客户尚无同行成员</translation>
    </message>
    <message>
        <source>%1 · current</source>
        <translation>%1 · 当前</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; cost %2 · price &lt;b&gt;%3&lt;/b&gt; · margin %4%5</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; 成本 %2 · 售价 &lt;b&gt;%3&lt;/b&gt; · 利润 %4%5</translation>
    </message>
    <message>
        <source>No prices in this version yet.</source>
        <translation>此版本尚无价格。</translation>
    </message>
    <message>
        <source>Showing v%1, an earlier version; the current one is v%2.</source>
        <translation>正在显示较早的版本 v%1；当前版本为 v%2。</translation>
    </message>
    <message>
        <source>⚠ 1 profile flag</source>
        <translation>⚠ 1 处偏好提示</translation>
    </message>
    <message>
        <source>⚠ %1 profile flags</source>
        <translation>⚠ %1 处偏好提示</translation>
    </message>
    <message>
        <source>Day %1, “%2”: %3</source>
        <translation>第 %1 天，“%2”：%3</translation>
    </message>
    <message>
        <source>No profile flags</source>
        <translation>无偏好提示</translation>
    </message>
    <message>
        <source>No item clashes with the travellers&apos; profiles.</source>
        <translation>没有项目与出行人的偏好冲突。</translation>
    </message>
    <message>
        <source>Change trip %1</source>
        <translation>修改行程%1</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>start date</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>end date</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>destinations</source>
        <translation>目的地</translation>
    </message>
    <message>
        <source>purpose</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>budget</source>
        <translation>预算</translation>
    </message>
    <message>
        <source>currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>advisor</source>
        <translation>顾问</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>travellers</source>
        <translation>出行人</translation>
    </message>
    <message>
        <source>%1 — changed %2 while travelling: %3</source>
        <translation>%1 — 出行中修改了%2：%3</translation>
    </message>
    <message>
        <source>Change travellers</source>
        <translation>修改出行人</translation>
    </message>
    <message>
        <source>Mark “%1” %2</source>
        <translation>将“%1”标记为%2</translation>
    </message>
    <message>
        <source>Status not changed</source>
        <translation>状态未更改</translation>
    </message>
    <message>
        <source>Marked %1.</source>
        <translation>已标记为%1。</translation>
    </message>
    <message>
        <source>Duplicate v%1</source>
        <translation>复制 v%1</translation>
    </message>
    <message>
        <source>v%1 is the new current version.</source>
        <translation>v%1 现为当前版本。</translation>
    </message>
    <message>
        <source>Label v%1</source>
        <translation>标注 v%1</translation>
    </message>
    <message>
        <source>Label version</source>
        <translation>标注版本</translation>
    </message>
    <message>
        <source>Label of v%1 (e.g. “Slower pace”):</source>
        <translation>v%1 的标注（例如“节奏放慢”）：</translation>
    </message>
    <message>
        <source>Restore v%1</source>
        <translation>恢复 v%1</translation>
    </message>
    <message>
        <source>v%1 restored as v%2, the current version.</source>
        <translation>v%1 已恢复为当前版本 v%2。</translation>
    </message>
    <message>
        <source>Approve version</source>
        <translation>确认版本</translation>
    </message>
    <message>
        <source>Mark v%1 as approved by the client?

It is locked: later edits start a new version. Undo with Ctrl+Z.</source>
        <translation>将 v%1 标记为客户已确认吗？

该版本将被锁定：之后的修改会生成新版本。按 Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <source>Approve v%1</source>
        <translation>确认 v%1</translation>
    </message>
    <message>
        <source>A handout is already being written.</source>
        <translation>正在生成一份行程单。</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>正在写入 %1…</translation>
    </message>
    <message>
        <source>Saved %1 (%2 pages).</source>
        <translation>已保存 %1（%2 页）。</translation>
    </message>
    <message>
        <source>Saved %1; no font can draw %2 (printed as its code point).</source>
        <translation>已保存 %1；没有字体能显示 %2（以其码位打印）。</translation>
    </message>
    <message>
        <source>Itinerary not written</source>
        <translation>未生成行程单</translation>
    </message>
    <message>
        <source>Itinerary written</source>
        <translation>行程单已生成</translation>
    </message>
    <message>
        <source>Saved %1.

Open it now?</source>
        <translation>已保存 %1。

现在打开吗？</translation>
    </message>
</context>
<context>
    <name>TripsView</name>
    <message>
        <source>Filter by trip, client, destination, advisor…</source>
        <extracomment>Fires when the chosen trip changes (a trip id, or None). Fires with a client id when the user asks to open a trip&apos;s client. Fires with a short message for the status bar.</extracomment>
        <translation>按行程、客户、目的地、顾问筛选…</translation>
    </message>
    <message>
        <source>Showing one client&apos;s trips; click to show every client&apos;s</source>
        <translation>正在显示一位客户的行程；点击显示所有客户的行程</translation>
    </message>
    <message>
        <source>&amp;New trip…</source>
        <translation>新建行程(&amp;N)…</translation>
    </message>
    <message>
        <source>Start a trip for a client (Ctrl+Shift+N)</source>
        <translation>为客户新建行程（Ctrl+Shift+N）</translation>
    </message>
    <message>
        <source>&amp;Suppliers…</source>
        <extracomment>The supplier directory (the main window puts it in its Trips menu).</extracomment>
        <translation>供应商(&amp;S)…</translation>
    </message>
    <message>
        <source>The studio&apos;s hotels, airlines, guides, restaurants…</source>
        <translation>工作室合作的酒店、航空公司、导游、餐厅…</translation>
    </message>
    <message>
        <source>&amp;New Trip…</source>
        <extracomment>Ctrl+Shift+N: a new trip (the main window puts it in its Trips menu).</extracomment>
        <translation>新建行程(&amp;N)…</translation>
    </message>
    <message>
        <source>%1 ✕</source>
        <translation>%1 ✕</translation>
    </message>
    <message>
        <source>Trip created with its first version.</source>
        <translation>行程已创建，并生成第一个版本。</translation>
    </message>
    <message>
        <source>All %1</source>
        <translation>全部 %1</translation>
    </message>
    <message>
        <source>Show only trips marked %1</source>
        <translation>只显示标记为%1的行程</translation>
    </message>
    <message>
        <source>%1 trips</source>
        <translation>%1 个行程</translation>
    </message>
    <message>
        <source>1 trip</source>
        <translation>1 个行程</translation>
    </message>
    <message>
        <source>%1 of %2 trips</source>
        <translation>%1 / %2 个行程</translation>
    </message>
    <message>
        <source>New trip…</source>
        <translation>新建行程…</translation>
    </message>
    <message>
        <source>New trip for %1…</source>
        <translation>为 %1 新建行程…</translation>
    </message>
    <message>
        <source>Only %1&apos;s trips</source>
        <translation>只看 %1 的行程</translation>
    </message>
    <message>
        <source>Open %1&apos;s dossier</source>
        <translation>打开 %1 的档案</translation>
    </message>
</context>
<context>
    <name>Vocabulary</name>
    <message>
        <source>Weather</source>
        <translation>天气</translation>
    </message>
    <message>
        <source>Client request</source>
        <translation>客户要求</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Flight</source>
        <extracomment>the item&apos;s id (None on a day row) the day&apos;s id (an item row gives its day&apos;s) the item&apos;s kind key (&quot;flight&quot;…), &quot;day&quot; on a day row the profile-conflict reasons of an item, or None the TripDay or TripItem behind the row Tables whose changes can alter what the plan shows.</extracomment>
        <translation>航班</translation>
    </message>
    <message>
        <source>Lodging</source>
        <translation>住宿</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>接送</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>Dining</source>
        <translation>餐饮</translation>
    </message>
    <message>
        <source>Free time</source>
        <translation>自由活动</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Individual</source>
        <translation>个人</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>家庭</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>机构</translation>
    </message>
    <message>
        <source>Prospect</source>
        <translation>潜在客户</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>活跃</translation>
    </message>
    <message>
        <source>Repeat client</source>
        <translation>回头客</translation>
    </message>
    <message>
        <source>Dormant</source>
        <translation>沉睡</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>流失</translation>
    </message>
    <message>
        <source>Referral</source>
        <translation>转介绍</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>网站</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>Social media</source>
        <translation>社交媒体</translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation>到店</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>伴侣</translation>
    </message>
    <message>
        <source>Press</source>
        <translation>媒体</translation>
    </message>
    <message>
        <source>Returning client</source>
        <translation>老客户</translation>
    </message>
    <message>
        <source>Primary</source>
        <translation>主要联系人</translation>
    </message>
    <message>
        <source>Child</source>
        <translation>子女</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>父母</translation>
    </message>
    <message>
        <source>Relative</source>
        <translation>亲属</translation>
    </message>
    <message>
        <source>Friend</source>
        <translation>朋友</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>助理</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <source>LINE</source>
        <translation>LINE</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>会面</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>反馈</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Gift</source>
        <translation>礼物</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未处理</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已处理</translation>
    </message>
    <message>
        <source>Keeping a preference profile</source>
        <translation>保存偏好档案</translation>
    </message>
    <message>
        <source>News and offers</source>
        <translation>资讯与优惠</translation>
    </message>
    <message>
        <source>Using trip photos</source>
        <translation>使用旅行照片</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>书面表格</translation>
    </message>
    <message>
        <source>Verbally</source>
        <translation>口头</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>签字</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>Wedding anniversary</source>
        <translation>结婚纪念日</translation>
    </message>
    <message>
        <source>Other date</source>
        <translation>其他日期</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>授权</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>Travel Studio cannot start</source>
        <translation>Travel Studio 无法启动</translation>
    </message>
    <message>
        <source>The studio database was upgraded (%1); a backup was kept.</source>
        <translation>工作室数据库已升级（%1）；已保留备份。</translation>
    </message>
</context>
<context>
    <name>page</name>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Existing client</source>
        <translation>现有客户</translation>
    </message>
    <message>
        <source>Why / problems</source>
        <translation>原因 / 问题</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <source>The dossier view is not available in this build.</source>
        <translation>此版本不包含档案视图。</translation>
    </message>
    <message>
        <source>Studio passphrase</source>
        <translation>工作室口令</translation>
    </message>
    <message>
        <source>Edit event</source>
        <translation>编辑活动</translation>
    </message>
</context>
<context>
    <name>widget</name>
    <message>
        <source>A4 portrait (210 × 297 mm)</source>
        <extracomment>Tables whose changes can alter the journal or the book&apos;s texts.</extracomment>
        <translation>A4 纵向（210 × 297 毫米）</translation>
    </message>
    <message>
        <source>Review…</source>
        <translation>查看…</translation>
    </message>
    <message>
        <source>Salon</source>
        <translation>沙龙</translation>
    </message>
    <message>
        <source>Tasting</source>
        <translation>品鉴会</translation>
    </message>
    <message>
        <source>Trip-story evening</source>
        <translation>旅行故事之夜</translation>
    </message>
    <message>
        <source>Invited</source>
        <translation>已邀请</translation>
    </message>
    <message>
        <source>Coming</source>
        <translation>出席</translation>
    </message>
    <message>
        <source>Maybe</source>
        <translation>待定</translation>
    </message>
    <message>
        <source>Not coming</source>
        <translation>不出席</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <source>&amp;Events…</source>
        <translation>活动(&amp;E)…</translation>
    </message>
    <message>
        <source>Loyalty &amp;tiers…</source>
        <translation>会员等级(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Referral reward…</source>
        <translation>推荐奖励(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Import contacts…</source>
        <translation>导入联系人(&amp;I)…</translation>
    </message>
    <message>
        <source>Clients from a CSV, Excel or vCard file, checked before import</source>
        <translation>从 CSV、Excel 或 vCard 文件导入客户，导入前先检查</translation>
    </message>
    <message>
        <source>Imported: %1 clients created, %2 updated (Edit › Undo takes it back).</source>
        <translation>已导入：新建 %1 位客户，更新 %2 位（“编辑 › 撤销”可撤回）。</translation>
    </message>
</context>
</TS>
