<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AdminOperators</name>
    <message>
        <source>Active</source>
        <translation>在用</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Last login</source>
        <translation>上次登录</translation>
    </message>
    <message>
        <source>Locked until {t}</source>
        <translation>锁定至 {t}</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>must change password</source>
        <translation>须修改密码</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <source>Admin</source>
        <translation>管理</translation>
    </message>
    <message>
        <source>Administration</source>
        <translation>系统管理</translation>
    </message>
    <message>
        <source>Backup and purge</source>
        <translation>备份与清理</translation>
    </message>
    <message>
        <source>Not done:</source>
        <translation>未完成：</translation>
    </message>
    <message>
        <source>Operators and roles</source>
        <translation>操作员与角色</translation>
    </message>
    <message>
        <source>Platform enrollment</source>
        <translation>平台注册</translation>
    </message>
    <message>
        <source>Station settings</source>
        <translation>警务室设置</translation>
    </message>
</context>
<context>
    <name>AdminPurge</name>
    <message>
        <source>Completed tasks</source>
        <translation>已完成的任务单</translation>
    </message>
    <message>
        <source>Declarations</source>
        <translation>业主申报</translation>
    </message>
    <message>
        <source>Ended bindings (who lived where)</source>
        <translation>已结束的人屋捆绑（曾住何处）</translation>
    </message>
    <message>
        <source>Fingerprints</source>
        <translation>指纹</translation>
    </message>
    <message>
        <source>Identity documents</source>
        <translation>身份证件</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>条数</translation>
    </message>
    <message>
        <source>Residents</source>
        <translation>实有人口</translation>
    </message>
    <message>
        <source>Spot checks</source>
        <extracomment>What a purge removes, in words, per `PurgeReport.counts` key (the desk&apos;s preview and ``workstation-admin purge`` both show these; marked, context ``&quot;AdminPurge&quot;``).</extracomment>
        <translation>抽查记录</translation>
    </message>
    <message>
        <source>Sync log entries the platform acknowledged</source>
        <translation>平台已确认的同步记录</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
</context>
<context>
    <name>AuditDetails</name>
    <message>
        <source>1 row</source>
        <extracomment>contexts whose marked texts are written into details as their English (verification results, sync refusals and errors, freeze reasons, device and validation messages)</extracomment>
        <translation>1 条</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <source>ID card photo at registration</source>
        <translation>登记时显示身份证照片</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>ID number: {value}</source>
        <translation>身份证号：{value}</translation>
    </message>
    <message>
        <source>a demo station</source>
        <translation>演示警务室</translation>
    </message>
    <message>
        <source>abandoned before the new passphrase was confirmed</source>
        <translation>新口令确认前已放弃</translation>
    </message>
    <message>
        <source>about {value}</source>
        <translation>对象 {value}</translation>
    </message>
    <message>
        <source>accepted the platform&apos;s version</source>
        <extracomment>a conflict decision&apos;s choice (``sync.conflicts.CHOICES``)</extracomment>
        <translation>采用了平台的版本</translation>
    </message>
    <message>
        <source>accepted the platform&apos;s version: {note}</source>
        <translation>采用了平台的版本：{note}</translation>
    </message>
    <message>
        <source>address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>address: {value}</source>
        <translation>地址：{value}</translation>
    </message>
    <message>
        <source>after</source>
        <translation>改后</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>already enrolled as device {device}</source>
        <translation>已注册为设备 {device}</translation>
    </message>
    <message>
        <source>audit anchor</source>
        <translation>审计锚点</translation>
    </message>
    <message>
        <source>audit trail up to entry {seq}</source>
        <translation>审计记录截至第 {seq} 条</translation>
    </message>
    <message>
        <source>baud rate</source>
        <translation>波特率</translation>
    </message>
    <message>
        <source>before</source>
        <translation>改前</translation>
    </message>
    <message>
        <source>binding a resident to a room</source>
        <translation>人屋捆绑</translation>
    </message>
    <message>
        <source>browse</source>
        <extracomment>detail values worth words (search kinds, statuses, pages, orders).</extracomment>
        <translation>浏览</translation>
    </message>
    <message>
        <source>changed: {fields}</source>
        <translation>修改了：{fields}</translation>
    </message>
    <message>
        <source>checked</source>
        <translation>已检测</translation>
    </message>
    <message>
        <source>confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>confirmed by {value}</source>
        <translation>确认人：{value}</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>current residence changed</source>
        <translation>现居住地已变更</translation>
    </message>
    <message>
        <source>days a landlord has to declare a new tenant</source>
        <translation>业主申报新租客的时限（天）</translation>
    </message>
    <message>
        <source>days acknowledged data is kept</source>
        <extracomment>the station&apos;s settings (`storage.settings.DEFAULTS` keys: the targets of ``settings.change`` and ``setting.platform`` rows) → words, as the Administration page&apos;s settings tab names them</extracomment>
        <translation>已确认数据保存天数</translation>
    </message>
    <message>
        <source>declaration</source>
        <translation>居住申报</translation>
    </message>
    <message>
        <source>deleted here too</source>
        <translation>本站也已删除</translation>
    </message>
    <message>
        <source>device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>devices found</source>
        <translation>找到的设备</translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation>已断开</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>due before {value}</source>
        <translation>截止早于 {value}</translation>
    </message>
    <message>
        <source>due from {value}</source>
        <translation>截止自 {value}</translation>
    </message>
    <message>
        <source>enrolled with {url} (platform key {key})</source>
        <translation>已在 {url} 注册（平台密钥 {key}）</translation>
    </message>
    <message>
        <source>enrollment with {url} refused: not an administrator</source>
        <translation>在 {url} 注册被拒绝：不是管理员</translation>
    </message>
    <message>
        <source>finger position {position}, quality {quality}</source>
        <translation>手指位置 {position}，质量 {quality}</translation>
    </message>
    <message>
        <source>fingerprint</source>
        <translation>指纹</translation>
    </message>
    <message>
        <source>fingerprint at registration</source>
        <translation>登记时采集指纹</translation>
    </message>
    <message>
        <source>fingerprint images kept</source>
        <translation>保存指纹图像</translation>
    </message>
    <message>
        <source>fingerprint policy: {value}</source>
        <translation>指纹策略：{value}</translation>
    </message>
    <message>
        <source>first</source>
        <translation>第一页</translation>
    </message>
    <message>
        <source>for a registration without a fingerprint</source>
        <translation>用于无指纹登记</translation>
    </message>
    <message>
        <source>from here on the end of the audit trail is also kept in the anchor file</source>
        <translation>从此起审计记录的末尾也保存在锚点文件中</translation>
    </message>
    <message>
        <source>from room {value}</source>
        <translation>原房间 {value}</translation>
    </message>
    <message>
        <source>from {folder}, made {made}</source>
        <translation>来自 {folder}，制作于 {made}</translation>
    </message>
    <message>
        <source>from {old} to {new}</source>
        <translation>由 {old} 改为 {new}</translation>
    </message>
    <message>
        <source>from {value}</source>
        <translation>自 {value}</translation>
    </message>
    <message>
        <source>grid: {value}</source>
        <translation>网格：{value}</translation>
    </message>
    <message>
        <source>hours an unsynced change may wait before registration stops</source>
        <translation>未同步变更最长等待小时数（超过即暂停登记）</translation>
    </message>
    <message>
        <source>identity document</source>
        <translation>身份证件</translation>
    </message>
    <message>
        <source>idle minutes before the desk locks</source>
        <translation>空闲多少分钟后锁定</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>办理中</translation>
    </message>
    <message>
        <source>kept this station&apos;s version</source>
        <translation>保留本警务室的版本</translation>
    </message>
    <message>
        <source>kept this station&apos;s version; the platform&apos;s record is to be corrected</source>
        <translation>保留本警务室的版本；平台的记录待更正</translation>
    </message>
    <message>
        <source>kept this station&apos;s version; the platform&apos;s record is to be corrected: {note}</source>
        <translation>保留本警务室的版本；平台的记录待更正：{note}</translation>
    </message>
    <message>
        <source>kept {days} days, older than {cutoff}: {counts}</source>
        <translation>保存期 {days} 天，早于 {cutoff}：{counts}</translation>
    </message>
    <message>
        <source>key storage: {backend}</source>
        <translation>密钥保管：{backend}</translation>
    </message>
    <message>
        <source>kind {value}</source>
        <translation>类别 {value}</translation>
    </message>
    <message>
        <source>landlord late: {value}</source>
        <translation>房东逾期：{value}</translation>
    </message>
    <message>
        <source>language for operators who chose none</source>
        <translation>未选择语言的操作员所用语言</translation>
    </message>
    <message>
        <source>locked out until {until} (UTC)</source>
        <translation>锁定至 {until}（协调世界时）</translation>
    </message>
    <message>
        <source>minutes an account stays locked</source>
        <translation>账号锁定分钟数</translation>
    </message>
    <message>
        <source>moved to room {room}</source>
        <translation>迁至房间 {room}</translation>
    </message>
    <message>
        <source>moving a tenant to another room</source>
        <translation>租客换房</translation>
    </message>
    <message>
        <source>name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>name: {value}</source>
        <translation>姓名：{value}</translation>
    </message>
    <message>
        <source>new master key</source>
        <translation>新的主密钥</translation>
    </message>
    <message>
        <source>new master key for the database, the audit trail, fingerprints and device keys</source>
        <translation>数据库、审计记录、指纹和设备密钥改用新的主密钥</translation>
    </message>
    <message>
        <source>next</source>
        <translation>下一页</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>no field changed here</source>
        <translation>本站没有字段变化</translation>
    </message>
    <message>
        <source>no filter</source>
        <translation>无筛选</translation>
    </message>
    <message>
        <source>no such account, or a disabled one</source>
        <translation>账号不存在或已停用</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>not applied: {reason}</source>
        <translation>未采用：{reason}</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <source>not shown</source>
        <translation>未显示</translation>
    </message>
    <message>
        <source>not taken</source>
        <translation>不采集</translation>
    </message>
    <message>
        <source>note: {value}</source>
        <translation>说明：{value}</translation>
    </message>
    <message>
        <source>on {value}</source>
        <translation>日期 {value}</translation>
    </message>
    <message>
        <source>open</source>
        <translation>待办</translation>
    </message>
    <message>
        <source>opened with {method}</source>
        <extracomment>Every plain-English details form the code writes or ever wrote, most specific first. A clause of details joined by &quot;; &quot; is matched on its own when the whole does not match.</extracomment>
        <translation>用{method}打开</translation>
    </message>
    <message>
        <source>operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>operator {value}</source>
        <extracomment>``_describe_filter``&apos;s words (``operator li, kind sync, from 2026-01-01T00:00``) → words</extracomment>
        <translation>操作员 {value}</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <source>order: {value}</source>
        <translation>排序：{value}</translation>
    </message>
    <message>
        <source>ours, version {version}, was based on version {base}</source>
        <translation>本站第 {version} 版，基于第 {base} 版</translation>
    </message>
    <message>
        <source>page: {value}</source>
        <translation>页：{value}</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>待确认</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>phone: {value}</source>
        <translation>电话：{value}</translation>
    </message>
    <message>
        <source>pinyin</source>
        <translation>拼音</translation>
    </message>
    <message>
        <source>platform key {old} replaced by {new}</source>
        <translation>平台密钥 {old} 已换为 {new}</translation>
    </message>
    <message>
        <source>port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>ports named by hand</source>
        <translation>手动指定的端口</translation>
    </message>
    <message>
        <source>pre-registration</source>
        <translation>网上备案</translation>
    </message>
    <message>
        <source>pre-registration from the platform</source>
        <translation>来自平台的网上备案</translation>
    </message>
    <message>
        <source>previous tenancy: {value}</source>
        <translation>原居住记录：{value}</translation>
    </message>
    <message>
        <source>property</source>
        <translation>出租屋</translation>
    </message>
    <message>
        <source>protocol</source>
        <translation>协议</translation>
    </message>
    <message>
        <source>query: {value}</source>
        <translation>查询：{value}</translation>
    </message>
    <message>
        <source>random seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>reason: {reason}</source>
        <translation>原因：{reason}</translation>
    </message>
    <message>
        <source>reason: {value}</source>
        <translation>原因：{value}</translation>
    </message>
    <message>
        <source>reconnecting</source>
        <translation>正在重连</translation>
    </message>
    <message>
        <source>registered from {source}</source>
        <translation>登记来源：{source}</translation>
    </message>
    <message>
        <source>registered on {value}</source>
        <translation>登记日期 {value}</translation>
    </message>
    <message>
        <source>registering a resident</source>
        <extracomment>what a registration that the freeze rule stopped was doing (``registration.blocked``)</extracomment>
        <translation>登记实有人口</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>remembered baud rate</source>
        <translation>记住的波特率</translation>
    </message>
    <message>
        <source>rental property: {value}</source>
        <translation>出租屋：{value}</translation>
    </message>
    <message>
        <source>replaces device {device} at {url}</source>
        <translation>取代 {url} 上的设备 {device}</translation>
    </message>
    <message>
        <source>replacing device {device} was not confirmed</source>
        <translation>取代设备 {device} 未经确认</translation>
    </message>
    <message>
        <source>replacing it was not asked for</source>
        <translation>未要求取代</translation>
    </message>
    <message>
        <source>required</source>
        <extracomment>values worth words under one key only (the codes are too short to translate everywhere): key → value → words.
----------
a setting&apos;s value as a ``settings.change`` / ``setting.platform`` row writes it (Python&apos;s repr: ``&apos;optional&apos;``, ``True``, ``&apos;&apos;``) → words; numbers are shown as written</extracomment>
        <translation>必须</translation>
    </message>
    <message>
        <source>resident</source>
        <extracomment>target types (the About column) → words.</extracomment>
        <translation>实有人口</translation>
    </message>
    <message>
        <source>restored</source>
        <translation>已恢复</translation>
    </message>
    <message>
        <source>restored here</source>
        <translation>已在本站恢复</translation>
    </message>
    <message>
        <source>role</source>
        <extracomment>``key=value`` keys the code writes (operators, devices, scanner settings) → words and value.</extracomment>
        <translation>角色</translation>
    </message>
    <message>
        <source>room</source>
        <translation>房间</translation>
    </message>
    <message>
        <source>room {old} renamed {new}</source>
        <translation>房间 {old} 改名为 {new}</translation>
    </message>
    <message>
        <source>room {room}</source>
        <translation>房间 {room}</translation>
    </message>
    <message>
        <source>room {value}</source>
        <translation>房间 {value}</translation>
    </message>
    <message>
        <source>round of {value}</source>
        <translation>{value} 月走访</translation>
    </message>
    <message>
        <source>search by: {value}</source>
        <extracomment>detail key → &quot;label: {value}&quot; pattern (translated in the &quot;AuditDetails&quot; context).</extracomment>
        <translation>查询方式：{value}</translation>
    </message>
    <message>
        <source>searching</source>
        <extracomment>device connection states (``device.scan``&apos;s ``states=idcard:connected,…``)</extracomment>
        <translation>正在查找</translation>
    </message>
    <message>
        <source>serial number {number}</source>
        <translation>序列号 {number}</translation>
    </message>
    <message>
        <source>set by the platform to {value}</source>
        <translation>平台设为 {value}</translation>
    </message>
    <message>
        <source>setting</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>sex: {value}</source>
        <translation>性别：{value}</translation>
    </message>
    <message>
        <source>shown</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>spot check</source>
        <translation>抽查</translation>
    </message>
    <message>
        <source>states</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>station</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>status: {value}</source>
        <translation>状态：{value}</translation>
    </message>
    <message>
        <source>sync batch</source>
        <translation>同步批次</translation>
    </message>
    <message>
        <source>sync conflict: the platform&apos;s version taken</source>
        <translation>同步冲突：采用了平台的版本</translation>
    </message>
    <message>
        <source>sync conflict: this station&apos;s version sent again</source>
        <translation>同步冲突：重新发送本警务室的版本</translation>
    </message>
    <message>
        <source>system user</source>
        <translation>系统用户</translation>
    </message>
    <message>
        <source>taken into use</source>
        <extracomment>target ids that are codes rather than a record&apos;s id, by target type → words (the About column shows these words instead of the code). A device row&apos;s target is the device role it is about (``device.assign``: ``idcard``; a sync row&apos;s is the platform&apos;s device id, data shown as recorded); a setting row&apos;s is the setting&apos;s key; the row that starts anchoring is `storage.station.ANCHOR_ADOPTED`.</extracomment>
        <translation>启用</translation>
    </message>
    <message>
        <source>task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>tenancy</source>
        <translation>居住记录</translation>
    </message>
    <message>
        <source>tenancy: {value}</source>
        <translation>居住记录：{value}</translation>
    </message>
    <message>
        <source>the CA fingerprint of {url} does not match</source>
        <translation>{url} 的证书指纹不符</translation>
    </message>
    <message>
        <source>the ID card reader</source>
        <extracomment>where a registered document came from (``registered from card``)</extracomment>
        <translation>身份证阅读器</translation>
    </message>
    <message>
        <source>the account was locked</source>
        <translation>账号原已锁定</translation>
    </message>
    <message>
        <source>the account was not locked</source>
        <translation>账号原未锁定</translation>
    </message>
    <message>
        <source>the audit trail forked</source>
        <translation>审计记录出现分叉</translation>
    </message>
    <message>
        <source>the audit trail went back</source>
        <translation>审计记录倒退</translation>
    </message>
    <message>
        <source>the computer&apos;s language</source>
        <translation>本机语言</translation>
    </message>
    <message>
        <source>the deletion sent again</source>
        <extracomment>what a conflict decision did (``sync.conflicts.OUTCOMES`` keys)</extracomment>
        <translation>重新发送了删除</translation>
    </message>
    <message>
        <source>the key in the system keyring</source>
        <translation>系统密钥环中的密钥</translation>
    </message>
    <message>
        <source>the new station&apos;s key</source>
        <translation>新建警务室的密钥</translation>
    </message>
    <message>
        <source>the passport reader</source>
        <translation>护照阅读器</translation>
    </message>
    <message>
        <source>the platform has version {version}</source>
        <translation>平台为第 {version} 版</translation>
    </message>
    <message>
        <source>the platform reports this workstation revoked</source>
        <translation>平台报告本工作站已被吊销</translation>
    </message>
    <message>
        <source>the platform&apos;s version taken</source>
        <translation>采用了平台的版本</translation>
    </message>
    <message>
        <source>the recovery passphrase</source>
        <extracomment>how the station was unlocked (``database.unlock``: ``via passphrase``)</extracomment>
        <translation>恢复口令</translation>
    </message>
    <message>
        <source>the resident deleted here too</source>
        <translation>本站也删除了该实有人口</translation>
    </message>
    <message>
        <source>the resident was deleted</source>
        <translation>该实有人口已删除</translation>
    </message>
    <message>
        <source>the resident was deleted on the platform (a sync conflict decided)</source>
        <translation>该实有人口已在平台删除（同步冲突已裁定）</translation>
    </message>
    <message>
        <source>this station&apos;s version sent again</source>
        <translation>重新发送了本警务室的版本</translation>
    </message>
    <message>
        <source>this station&apos;s version sent again, restoring it</source>
        <translation>重新发送了本警务室的版本，并予以恢复</translation>
    </message>
    <message>
        <source>this station&apos;s version {ours}, the platform&apos;s {platform}</source>
        <translation>本警务室第 {ours} 版，平台 {platform}</translation>
    </message>
    <message>
        <source>to room {value}</source>
        <translation>新房间 {value}</translation>
    </message>
    <message>
        <source>typed in by hand</source>
        <translation>手工录入</translation>
    </message>
    <message>
        <source>unsynced changes allowed before registration stops</source>
        <translation>允许的未同步变更数（超过即暂停登记）</translation>
    </message>
    <message>
        <source>until {until}: {reason} (then: {state})</source>
        <translation>至 {until}：{reason}（当时：{state}）</translation>
    </message>
    <message>
        <source>until {value}</source>
        <translation>至 {value}</translation>
    </message>
    <message>
        <source>when it connects</source>
        <translation>连接时</translation>
    </message>
    <message>
        <source>wrong passwords in a row before an account locks</source>
        <translation>账号锁定前允许连续输错密码次数</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>{choice} ({outcome})</source>
        <translation>{choice}（{outcome}）</translation>
    </message>
    <message>
        <source>{choice}: {note} ({outcome})</source>
        <translation>{choice}：{note}（{outcome}）</translation>
    </message>
    <message>
        <source>{counts}; random seed {seed}</source>
        <translation>{counts}；随机种子 {seed}</translation>
    </message>
    <message>
        <source>{device} ({extra})</source>
        <translation>{device}（{extra}）</translation>
    </message>
    <message>
        <source>{device} {state}</source>
        <translation>{device}{state}</translation>
    </message>
    <message>
        <source>{doc_type} {number}</source>
        <translation>{doc_type} {number}</translation>
    </message>
    <message>
        <source>{doc_type} {number}, {validity}</source>
        <translation>{doc_type} {number}，{validity}</translation>
    </message>
    <message>
        <source>{label} {count}</source>
        <translation>{label} {count}</translation>
    </message>
    <message>
        <source>{label}: {value}</source>
        <translation>{label}：{value}</translation>
    </message>
    <message>
        <source>{n} batches acknowledged from receipts in {folder}</source>
        <translation>根据 {folder} 中的回执确认了 {n} 个批次</translation>
    </message>
    <message>
        <source>{n} differences</source>
        <translation>{n} 处不同</translation>
    </message>
    <message>
        <source>{n} entries</source>
        <translation>{n} 条</translation>
    </message>
    <message>
        <source>{n} entries ({what})</source>
        <translation>{n} 条（{what}）</translation>
    </message>
    <message>
        <source>{n} entries ({what}) to {file}</source>
        <translation>{n} 条（{what}），导出到 {file}</translation>
    </message>
    <message>
        <source>{n} entries about {target}</source>
        <translation>关于 {target} 的 {n} 条</translation>
    </message>
    <message>
        <source>{n} entries checked, the first broken one is {first}: {message}</source>
        <translation>核验 {n} 条，首个损坏的是第 {first} 条：{message}</translation>
    </message>
    <message>
        <source>{n} entries checked: {message}</source>
        <translation>核验 {n} 条：{message}</translation>
    </message>
    <message>
        <source>{n} lines compared</source>
        <translation>比对 {n} 项</translation>
    </message>
    <message>
        <source>{n} matches</source>
        <translation>{n} 条匹配</translation>
    </message>
    <message>
        <source>{n} overlapping tenancies</source>
        <translation>{n} 条重叠居住记录</translation>
    </message>
    <message>
        <source>{n} people</source>
        <translation>{n} 人</translation>
    </message>
    <message>
        <source>{n} properties</source>
        <translation>{n} 处出租屋</translation>
    </message>
    <message>
        <source>{n} residents, grid {grid}</source>
        <translation>实有人口 {n} 人，网格 {grid}</translation>
    </message>
    <message>
        <source>{n} rooms</source>
        <translation>{n} 间房</translation>
    </message>
    <message>
        <source>{n} rows</source>
        <extracomment>detail key whose value is a count → &quot;{n} …&quot; (translated in the &quot;AuditDetails&quot; context).</extracomment>
        <translation>{n} 条</translation>
    </message>
    <message>
        <source>{n} sealed batches to {folder}</source>
        <translation>{n} 个已打包批次写入 {folder}</translation>
    </message>
    <message>
        <source>{n} tenants declared</source>
        <translation>申报租客 {n} 人</translation>
    </message>
    <message>
        <source>{outcome}, {n} unsent changes replaced</source>
        <translation>{outcome}，替换了 {n} 项未发送的更改</translation>
    </message>
    <message>
        <source>{port}, {protocol}, {baud} baud</source>
        <translation>{port}，{protocol}，波特率 {baud}</translation>
    </message>
    <message>
        <source>{port}, {protocol}, {baud} baud, assigned by hand</source>
        <translation>{port}，{protocol}，波特率 {baud}，手动指定</translation>
    </message>
    <message>
        <source>{port}, {protocol}, {baud} baud, remembered</source>
        <translation>{port}，{protocol}，波特率 {baud}，已记住</translation>
    </message>
    <message>
        <source>{reason}: this station&apos;s entry {ours}, the platform&apos;s {platform}</source>
        <translation>{reason}：本警务室第 {ours} 条，平台记录第 {platform} 条</translation>
    </message>
    <message>
        <source>{url} refused: {reason}</source>
        <translation>{url} 拒绝：{reason}</translation>
    </message>
    <message>
        <source>{url} sent an inconsistent key id</source>
        <translation>{url} 发来的密钥编号前后不一致</translation>
    </message>
    <message>
        <source>{url}: {error}</source>
        <translation>{url}：{error}</translation>
    </message>
    <message>
        <source>{what}: {message}</source>
        <translation>{what}：{message}</translation>
    </message>
</context>
<context>
    <name>AuditEvents</name>
    <message>
        <source>Accepted an overlapping tenancy</source>
        <translation>确认重叠的居住记录</translation>
    </message>
    <message>
        <source>Added a rental property</source>
        <translation>添加出租屋</translation>
    </message>
    <message>
        <source>Added a room</source>
        <translation>添加房间</translation>
    </message>
    <message>
        <source>Added an identity document</source>
        <translation>添加身份证件</translation>
    </message>
    <message>
        <source>Anchored the audit trail</source>
        <translation>锚定审计记录</translation>
    </message>
    <message>
        <source>Assigned a device</source>
        <translation>分配设备</translation>
    </message>
    <message>
        <source>Backed up the station</source>
        <translation>备份工作站</translation>
    </message>
    <message>
        <source>Captured a fingerprint</source>
        <translation>采集指纹</translation>
    </message>
    <message>
        <source>Changed a fingerprint</source>
        <translation>修改指纹</translation>
    </message>
    <message>
        <source>Changed a rental property</source>
        <translation>修改出租屋</translation>
    </message>
    <message>
        <source>Changed a residence declaration</source>
        <translation>修改居住申报</translation>
    </message>
    <message>
        <source>Changed a resident</source>
        <translation>修改实有人口</translation>
    </message>
    <message>
        <source>Changed a room</source>
        <translation>修改房间</translation>
    </message>
    <message>
        <source>Changed a spot check</source>
        <translation>修改抽查记录</translation>
    </message>
    <message>
        <source>Changed a station setting</source>
        <translation>修改了警务室设置</translation>
    </message>
    <message>
        <source>Changed a tenancy</source>
        <translation>修改人屋捆绑</translation>
    </message>
    <message>
        <source>Changed an identity document</source>
        <translation>修改身份证件</translation>
    </message>
    <message>
        <source>Changed an operator&apos;s role</source>
        <translation>更改操作员角色</translation>
    </message>
    <message>
        <source>Changed own password</source>
        <translation>修改本人密码</translation>
    </message>
    <message>
        <source>Changed the database key</source>
        <translation>更换数据库密钥</translation>
    </message>
    <message>
        <source>Changed the fingerprint scanner&apos;s settings</source>
        <translation>修改指纹采集仪设置</translation>
    </message>
    <message>
        <source>Compared a declaration with the record</source>
        <translation>比对业主申报与登记</translation>
    </message>
    <message>
        <source>Compared a sync conflict</source>
        <translation>比对同步冲突</translation>
    </message>
    <message>
        <source>Confirmation with their password (countersigning)</source>
        <translation>凭本人密码确认（会签）</translation>
    </message>
    <message>
        <source>Confirmed a pre-registration</source>
        <translation>确认网上备案</translation>
    </message>
    <message>
        <source>Counted residents</source>
        <translation>统计实有人口数</translation>
    </message>
    <message>
        <source>Counted what a purge would remove</source>
        <translation>预览清除数量</translation>
    </message>
    <message>
        <source>Created a task</source>
        <translation>新建任务</translation>
    </message>
    <message>
        <source>Created an operator</source>
        <translation>新建操作员</translation>
    </message>
    <message>
        <source>Deleted a fingerprint</source>
        <translation>删除指纹</translation>
    </message>
    <message>
        <source>Deleted a rental property</source>
        <translation>删除出租屋</translation>
    </message>
    <message>
        <source>Deleted a residence declaration</source>
        <translation>删除居住申报</translation>
    </message>
    <message>
        <source>Deleted a resident</source>
        <translation>删除实有人口</translation>
    </message>
    <message>
        <source>Deleted a room</source>
        <translation>删除房间</translation>
    </message>
    <message>
        <source>Deleted a spot check</source>
        <translation>删除抽查记录</translation>
    </message>
    <message>
        <source>Deleted a task</source>
        <translation>删除任务</translation>
    </message>
    <message>
        <source>Deleted an identity document</source>
        <translation>删除身份证件</translation>
    </message>
    <message>
        <source>Desk locked after idle time</source>
        <translation>闲置超时自动锁屏</translation>
    </message>
    <message>
        <source>Disabled an operator</source>
        <translation>停用操作员</translation>
    </message>
    <message>
        <source>Enabled an operator</source>
        <translation>启用操作员</translation>
    </message>
    <message>
        <source>Ended a tenancy</source>
        <translation>解除人屋捆绑</translation>
    </message>
    <message>
        <source>Enrolled with the platform</source>
        <translation>在中心平台注册</translation>
    </message>
    <message>
        <source>Entered a residence declaration</source>
        <translation>录入业主申报</translation>
    </message>
    <message>
        <source>Exported batches for offline transfer</source>
        <translation>导出离线传输批次</translation>
    </message>
    <message>
        <source>Exported residents</source>
        <translation>导出实有人口</translation>
    </message>
    <message>
        <source>Exported the audit trail</source>
        <translation>导出审计记录</translation>
    </message>
    <message>
        <source>Forgot a device</source>
        <translation>移除设备</translation>
    </message>
    <message>
        <source>Generated demo data</source>
        <translation>生成演示数据</translation>
    </message>
    <message>
        <source>Imported receipts from offline transfer</source>
        <translation>导入离线传输回执</translation>
    </message>
    <message>
        <source>Listed a grid&apos;s monthly round</source>
        <translation>列出网格集中清查名单</translation>
    </message>
    <message>
        <source>Listed landlords late declaring</source>
        <translation>列出逾期未申报的业主</translation>
    </message>
    <message>
        <source>Listed overdue declarations</source>
        <translation>列出逾期未申报的租住</translation>
    </message>
    <message>
        <source>Listed pre-registrations</source>
        <translation>列出网上备案</translation>
    </message>
    <message>
        <source>Listed rental properties</source>
        <translation>列出出租屋</translation>
    </message>
    <message>
        <source>Listed residents</source>
        <translation>列出实有人口</translation>
    </message>
    <message>
        <source>Listed rooms</source>
        <translation>列出房间</translation>
    </message>
    <message>
        <source>Listed tasks</source>
        <translation>列出任务</translation>
    </message>
    <message>
        <source>Listed who lives in a property&apos;s rooms</source>
        <translation>列出出租屋各房间住户</translation>
    </message>
    <message>
        <source>Listed who lives in a room</source>
        <translation>查看房间住户</translation>
    </message>
    <message>
        <source>Locked the desk</source>
        <translation>锁定工作台</translation>
    </message>
    <message>
        <source>Logged in</source>
        <extracomment>action code → English words (translated in the &quot;AuditEvents&quot; context).</extracomment>
        <translation>登录</translation>
    </message>
    <message>
        <source>Logged out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Looked for a pre-registration</source>
        <translation>查找网上备案</translation>
    </message>
    <message>
        <source>Moved a resident to another room</source>
        <translation>住户换房</translation>
    </message>
    <message>
        <source>Opened a rental property</source>
        <translation>查看出租屋</translation>
    </message>
    <message>
        <source>Opened a resident&apos;s record</source>
        <translation>查看实有人口记录</translation>
    </message>
    <message>
        <source>Overrode the freeze rule</source>
        <translation>临时解除冻结</translation>
    </message>
    <message>
        <source>Platform key changed</source>
        <translation>中心平台密钥变更</translation>
    </message>
    <message>
        <source>Platform refused the audit checkpoint</source>
        <translation>中心平台拒绝审计检查点</translation>
    </message>
    <message>
        <source>Platform reported a conflict</source>
        <translation>中心平台报告冲突</translation>
    </message>
    <message>
        <source>Platform revoked this workstation</source>
        <translation>中心平台吊销了本工作站</translation>
    </message>
    <message>
        <source>Platform setting received</source>
        <translation>收到中心平台设置</translation>
    </message>
    <message>
        <source>Printed a visit sheet</source>
        <translation>打印走访登记表</translation>
    </message>
    <message>
        <source>Purged records past retention</source>
        <translation>清除超过保存期限的记录</translation>
    </message>
    <message>
        <source>Read fingerprints</source>
        <translation>读取指纹</translation>
    </message>
    <message>
        <source>Read the audit trail</source>
        <translation>查阅审计记录</translation>
    </message>
    <message>
        <source>Read the dashboard figures</source>
        <translation>查看统计数据</translation>
    </message>
    <message>
        <source>Recorded a spot check</source>
        <translation>记录抽查</translation>
    </message>
    <message>
        <source>Recorded who lives where</source>
        <translation>登记人屋捆绑</translation>
    </message>
    <message>
        <source>Registered a resident</source>
        <translation>登记实有人口</translation>
    </message>
    <message>
        <source>Registered without a fingerprint</source>
        <translation>未采集指纹登记</translation>
    </message>
    <message>
        <source>Registration blocked (freeze rule)</source>
        <translation>登记被冻结规则阻止</translation>
    </message>
    <message>
        <source>Rejected a pre-registration</source>
        <translation>驳回网上备案</translation>
    </message>
    <message>
        <source>Reset an operator&apos;s password</source>
        <translation>重置操作员密码</translation>
    </message>
    <message>
        <source>Resolved a sync conflict</source>
        <translation>处理同步冲突</translation>
    </message>
    <message>
        <source>Restored the station</source>
        <translation>恢复工作站</translation>
    </message>
    <message>
        <source>Scanned for devices</source>
        <translation>扫描设备</translation>
    </message>
    <message>
        <source>Searched rental properties</source>
        <translation>查询出租屋</translation>
    </message>
    <message>
        <source>Searched residents</source>
        <translation>查询实有人口</translation>
    </message>
    <message>
        <source>Station set up</source>
        <translation>工作站初始化</translation>
    </message>
    <message>
        <source>Station unlocked</source>
        <translation>工作站解锁</translation>
    </message>
    <message>
        <source>Task changed by the platform</source>
        <translation>平台修改了任务</translation>
    </message>
    <message>
        <source>Task received from the platform</source>
        <translation>收到平台任务</translation>
    </message>
    <message>
        <source>Unlocked an operator&apos;s account</source>
        <translation>解锁操作员账号</translation>
    </message>
    <message>
        <source>Unlocked the desk</source>
        <translation>解锁工作台</translation>
    </message>
    <message>
        <source>Updated a task</source>
        <translation>更新任务</translation>
    </message>
    <message>
        <source>Verified the audit trail</source>
        <translation>核验审计记录</translation>
    </message>
    <message>
        <source>abandoned</source>
        <translation>已放弃</translation>
    </message>
    <message>
        <source>broken</source>
        <translation>已断裂</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>locked out</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>not confirmed by the device</source>
        <translation>设备未确认</translation>
    </message>
    <message>
        <source>not permitted</source>
        <translation>无权限</translation>
    </message>
    <message>
        <source>ok</source>
        <extracomment>an event&apos;s outcome (the Outcome column) → words: every outcome the code writes (translated in the &quot;AuditEvents&quot; context)</extracomment>
        <translation>成功</translation>
    </message>
    <message>
        <source>password change required</source>
        <translation>须修改密码</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>被拒绝</translation>
    </message>
</context>
<context>
    <name>AuditFields</name>
    <message>
        <source>address</source>
        <extracomment>a record&apos;s fields, as the ``changed: a, b`` of an update names them (the columns of the synced tables)</extracomment>
        <translation>地址</translation>
    </message>
    <message>
        <source>assistant</source>
        <translation>协管员</translation>
    </message>
    <message>
        <source>capacity</source>
        <translation>可住人数</translation>
    </message>
    <message>
        <source>completed by</source>
        <translation>完成人</translation>
    </message>
    <message>
        <source>date declared</source>
        <translation>申报日期</translation>
    </message>
    <message>
        <source>date of arrival</source>
        <translation>来本地日期</translation>
    </message>
    <message>
        <source>date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>date of entry</source>
        <translation>入境日期</translation>
    </message>
    <message>
        <source>declarant&apos;s name</source>
        <translation>申报人姓名</translation>
    </message>
    <message>
        <source>declarant&apos;s phone</source>
        <translation>申报人电话</translation>
    </message>
    <message>
        <source>declared tenants</source>
        <translation>申报的租客</translation>
    </message>
    <message>
        <source>details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>district code</source>
        <translation>区划代码</translation>
    </message>
    <message>
        <source>document number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>document type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <source>due date</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>employer</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <source>end date</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>finger</source>
        <translation>手指</translation>
    </message>
    <message>
        <source>fingerprint image</source>
        <translation>指纹图像</translation>
    </message>
    <message>
        <source>fingerprint template</source>
        <translation>指纹特征</translation>
    </message>
    <message>
        <source>grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>household registration address</source>
        <translation>户籍地址</translation>
    </message>
    <message>
        <source>intended stay until</source>
        <translation>拟停留至</translation>
    </message>
    <message>
        <source>issuing authority</source>
        <translation>签发机关</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>kind of subject</source>
        <translation>对象类别</translation>
    </message>
    <message>
        <source>landlord&apos;s ID number</source>
        <translation>房东身份证号</translation>
    </message>
    <message>
        <source>landlord&apos;s name</source>
        <translation>房东姓名</translation>
    </message>
    <message>
        <source>landlord&apos;s phone</source>
        <translation>房东电话</translation>
    </message>
    <message>
        <source>manager&apos;s name</source>
        <translation>管理人姓名</translation>
    </message>
    <message>
        <source>manager&apos;s phone</source>
        <translation>管理人电话</translation>
    </message>
    <message>
        <source>mobile number</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <source>name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>name in Latin letters</source>
        <translation>外文姓名</translation>
    </message>
    <message>
        <source>name in pinyin</source>
        <translation>姓名拼音</translation>
    </message>
    <message>
        <source>name initials</source>
        <translation>姓名首字母</translation>
    </message>
    <message>
        <source>nationality</source>
        <translation>国籍</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>notes on the result</source>
        <translation>结果备注</translation>
    </message>
    <message>
        <source>number of issues</source>
        <translation>问题数</translation>
    </message>
    <message>
        <source>platform&apos;s number</source>
        <translation>平台编号</translation>
    </message>
    <message>
        <source>previous card number</source>
        <translation>原证件号码</translation>
    </message>
    <message>
        <source>quality</source>
        <translation>质量</translation>
    </message>
    <message>
        <source>relation</source>
        <translation>关系</translation>
    </message>
    <message>
        <source>rental property</source>
        <translation>出租屋</translation>
    </message>
    <message>
        <source>resident</source>
        <translation>实有人口</translation>
    </message>
    <message>
        <source>result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>room</source>
        <translation>房间</translation>
    </message>
    <message>
        <source>room number</source>
        <translation>房间号</translation>
    </message>
    <message>
        <source>sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>start date</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>subject</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>tenancy</source>
        <translation>居住记录</translation>
    </message>
    <message>
        <source>time captured</source>
        <translation>采集时间</translation>
    </message>
    <message>
        <source>time checked</source>
        <translation>核查时间</translation>
    </message>
    <message>
        <source>time completed</source>
        <translation>完成时间</translation>
    </message>
    <message>
        <source>time received</source>
        <translation>接收时间</translation>
    </message>
    <message>
        <source>title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>travel permit number</source>
        <translation>通行证号码</translation>
    </message>
    <message>
        <source>valid from</source>
        <translation>有效期起</translation>
    </message>
    <message>
        <source>valid long-term</source>
        <translation>长期有效</translation>
    </message>
    <message>
        <source>valid to</source>
        <translation>有效期止</translation>
    </message>
    <message>
        <source>validity when registered</source>
        <translation>登记时的有效状态</translation>
    </message>
    <message>
        <source>visa or permit number</source>
        <translation>签证或许可号码</translation>
    </message>
    <message>
        <source>visa or permit type</source>
        <translation>签证或许可类型</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message numerus="yes">
        <source>%n event(s) shown; more load as you scroll down.</source>
        <translation>
            <numerusform>已显示 %n 条事件；向下滚动加载更多。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) written to {path}.</source>
        <translation>
            <numerusform>已将 %n 条事件写入 {path}。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n event(s).</source>
        <translation>
            <numerusform>共 %n 条事件。</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Event:</source>
        <translation>事件(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>从(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Operator:</source>
        <translation>操作员(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Person:</source>
        <translation>人员(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>至(&amp;T)：</translation>
    </message>
    <message>
        <source>Administration</source>
        <translation>系统管理</translation>
    </message>
    <message>
        <source>All events</source>
        <translation>全部事件</translation>
    </message>
    <message>
        <source>All operators</source>
        <translation>全部操作员</translation>
    </message>
    <message>
        <source>Any person</source>
        <translation>不限人员</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>审计记录</translation>
    </message>
    <message>
        <source>Changes to records</source>
        <translation>记录的修改</translation>
    </message>
    <message>
        <source>Check every row of the trail against the chain: names the first row changed or removed</source>
        <translation>按链逐条核对审计记录：指出第一条被修改或删除的记录</translation>
    </message>
    <message>
        <source>Choose an operator, or type a user name</source>
        <translation>选择操作员，或输入用户名</translation>
    </message>
    <message numerus="yes">
        <source>Choose one of %n resident(s)…</source>
        <translation>
            <numerusform>从 %n 名实有人口中选择一名……</numerusform>
        </translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>Double-click a row about a resident, or paste its record id</source>
        <translation>双击某条与居民有关的记录，或粘贴其记录编号</translation>
    </message>
    <message>
        <source>Enter a resident&apos;s record id (36 characters, with dashes).</source>
        <translation>请输入实有人口的记录编号（36 个字符，含连字符）。</translation>
    </message>
    <message>
        <source>Export the audit trail</source>
        <translation>导出审计记录</translation>
    </message>
    <message>
        <source>Exporting the audit trail…</source>
        <translation>正在导出审计记录……</translation>
    </message>
    <message>
        <source>Exports</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出……</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Find a resident by name or ID number, or double-click a row about a resident</source>
        <translation>按姓名或身份证号查找居民，或双击某条与居民有关的记录</translation>
    </message>
    <message>
        <source>Logins and unlocking</source>
        <extracomment>the audit viewer&apos;s event kinds (`storage.areas.supervision.AUDIT_KINDS` keys and &quot;refused&quot;), in words</extracomment>
        <translation>登录与解锁</translation>
    </message>
    <message>
        <source>Name or ID number of a resident, then Enter</source>
        <translation>输入实有人口的姓名或证件号码，按回车</translation>
    </message>
    <message>
        <source>No event matches these filters.</source>
        <translation>没有符合筛选条件的事件。</translation>
    </message>
    <message>
        <source>No resident matches this name or number.</source>
        <translation>没有与此姓名或号码相符的实有人口。</translation>
    </message>
    <message>
        <source>Reading the trail…</source>
        <translation>正在读取审计记录……</translation>
    </message>
    <message>
        <source>Reads of personal data</source>
        <translation>个人信息的查阅</translation>
    </message>
    <message>
        <source>Refused or failed</source>
        <translation>被拒绝或失败</translation>
    </message>
    <message>
        <source>Several residents match: choose one</source>
        <translation>有多名实有人口相符：请选择一名</translation>
    </message>
    <message>
        <source>Show that row</source>
        <translation>显示该条记录</translation>
    </message>
    <message>
        <source>Spreadsheet files (CSV)</source>
        <translation>表格文件</translation>
    </message>
    <message>
        <source>Sync with the platform</source>
        <translation>与中心平台同步</translation>
    </message>
    <message>
        <source>The audit trail failed its check: {reason}. Report this to the station&apos;s supervisor and keep the workstation as it is for an inspection.</source>
        <translation>审计记录未通过核验：{reason}。请报告所领导，并保持工作站现状以备检查。</translation>
    </message>
    <message>
        <source>The audit trail is broken at row {seq}: {reason}. Rows after it cannot be trusted either. Report this to the station&apos;s supervisor and keep the workstation as it is for an inspection.</source>
        <translation>审计记录在第 {seq} 条处断裂：{reason}。其后的记录也不再可信。请报告所领导，并保持工作站现状以备检查。</translation>
    </message>
    <message numerus="yes">
        <source>The audit trail is intact: %n row(s) checked, none changed or removed.</source>
        <translation>
            <numerusform>审计记录完整：已核验 %n 条，无修改或删除。</numerusform>
        </translation>
    </message>
    <message>
        <source>Verify chain</source>
        <translation>核验记录链</translation>
    </message>
    <message>
        <source>Verifying the audit trail…</source>
        <translation>正在核验审计记录……</translation>
    </message>
    <message>
        <source>Who read or changed what on this workstation, and when, newest first. Every row is chained to the one before it, so a row changed or removed afterwards is found by &quot;Verify chain&quot;. ID numbers appear masked, as they were recorded.</source>
        <translation>谁在何时查阅或修改了本工作站的哪些内容，最新的在前。每条记录都与前一条链接，事后被修改或删除的记录可通过“核验记录链”发现。证件号码按记录时的样子脱敏显示。</translation>
    </message>
    <message>
        <source>Write the rows of the current filter to a CSV file for an inspection (recorded in the trail)</source>
        <translation>将当前筛选的记录写入表格文件以备检查（此操作本身也会记入审计记录）</translation>
    </message>
    <message>
        <source>Your role may not search residents by name or ID number. Rows about a resident show the resident&apos;s name and masked ID number in the About column: double-click such a row to list only that resident&apos;s events.</source>
        <translation>您的角色不能按姓名或证件号码查找实有人口。涉及实有人口的记录在“对象”列显示其姓名和脱敏的证件号码：双击该行即可只列出此人的相关事件。</translation>
    </message>
    <message>
        <source>any date</source>
        <translation>不限日期</translation>
    </message>
</context>
<context>
    <name>AuditTrailModel</name>
    <message>
        <source>About</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
</context>
<context>
    <name>BindDialog</name>
    <message>
        <source>&amp;Find:</source>
        <translation>查找(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Relation:</source>
        <translation>关系(&amp;R)：</translation>
    </message>
    <message>
        <source>Bind</source>
        <translation>捆绑</translation>
    </message>
    <message>
        <source>Bind a person to room %1</source>
        <translation>将人员捆绑到 %1 房间</translation>
    </message>
    <message>
        <source>Found:</source>
        <translation>查找结果：</translation>
    </message>
    <message>
        <source>Name, pinyin, ID number or phone</source>
        <translation>姓名、拼音、证件号码或电话</translation>
    </message>
    <message>
        <source>Room %1 at %2</source>
        <translation>%2 %1 房间</translation>
    </message>
    <message>
        <source>Start &amp;date:</source>
        <translation>起始日期(&amp;D)：</translation>
    </message>
    <message>
        <source>find the person and choose them in the list</source>
        <translation>请先查找人员，并在列表中选中</translation>
    </message>
    <message>
        <source>no current address</source>
        <translation>无现住址</translation>
    </message>
</context>
<context>
    <name>ChangeRoleDialog</name>
    <message>
        <source>Change role</source>
        <translation>更改角色</translation>
    </message>
    <message>
        <source>New role</source>
        <translation>新角色</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>What {user} may do depends on the role. Their open session ends when the role changes.</source>
        <translation>{user} 能做什么取决于角色。角色一经更改，其当前会话即结束。</translation>
    </message>
    <message>
        <source>{user} is now {role}.</source>
        <translation>{user} 现在的角色是{role}。</translation>
    </message>
</context>
<context>
    <name>CompleteTaskDialog</name>
    <message>
        <source>&amp;Complete</source>
        <translation>办结(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Result:</source>
        <translation>结果(&amp;R)：</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Complete the task</source>
        <translation>办结任务</translation>
    </message>
    <message>
        <source>What you found, what was done (sent to the platform with the result)</source>
        <translation>核查情况与处理经过（随结果反馈给平台）</translation>
    </message>
    <message>
        <source>due %1</source>
        <translation>截止 %1</translation>
    </message>
    <message>
        <source>no due date</source>
        <translation>无截止日期</translation>
    </message>
    <message>
        <source>subject: %1</source>
        <translation>对象：%1</translation>
    </message>
    <message>
        <source>— choose the result —</source>
        <translation>— 请选择结果 —</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>&amp;Note (optional):</source>
        <translation>备注（可选）(&amp;N)：</translation>
    </message>
    <message>
        <source>Accept the platform&apos;s version</source>
        <translation>采用中心平台的版本</translation>
    </message>
    <message>
        <source>Accept: delete it here too</source>
        <translation>接受：本警务室也删除</translation>
    </message>
    <message>
        <source>Accept: restore it here</source>
        <translation>接受：在本警务室恢复</translation>
    </message>
    <message>
        <source>Both sides have deleted this record; either decision keeps it deleted.</source>
        <translation>双方都已删除该记录；无论选哪一项，记录都保持删除。</translation>
    </message>
    <message>
        <source>Conflict with the central platform</source>
        <translation>与中心平台的冲突</translation>
    </message>
    <message>
        <source>Decide later</source>
        <translation>稍后处理</translation>
    </message>
    <message>
        <source>Fetching the platform&apos;s copy…</source>
        <translation>正在获取中心平台的版本……</translation>
    </message>
    <message>
        <source>Keep it deleted</source>
        <translation>保持删除</translation>
    </message>
    <message>
        <source>Keep this station&apos;s version</source>
        <translation>保留本警务室的版本</translation>
    </message>
    <message>
        <source>Keep: restore it on the platform</source>
        <translation>保留：在中心平台恢复</translation>
    </message>
    <message>
        <source>Keeping this station&apos;s version sends it to the platform again.</source>
        <translation>保留本警务室的版本会将其重新发送到中心平台。</translation>
    </message>
    <message>
        <source>Nothing was decided: {reason}</source>
        <translation>未作任何处理：{reason}</translation>
    </message>
    <message>
        <source>The comparison could not be loaded: {reason}</source>
        <translation>无法加载对比：{reason}</translation>
    </message>
    <message>
        <source>The platform did not apply this station&apos;s change (version {v}, made from version {b}) because it already holds version {p}. Compare the two; the fields that differ are marked and listed first. Then decide which version stands: accepting the platform&apos;s version writes it over the record here; keeping this station&apos;s version sends it to the platform again with the next sync. Either way both end up holding the same record.</source>
        <translation>中心平台未采用本警务室的修改（第 {v} 版，基于第 {b} 版），因为平台已有第 {p} 版。请比较两个版本；不同的字段已标出并排在最前。然后决定以哪个版本为准：接受中心平台的版本，会用它覆盖本警务室的记录；保留本警务室的版本，会在下次同步时重新发送到中心平台。无论哪种，双方最终都保存同一份记录。</translation>
    </message>
    <message>
        <source>The platform has deleted this record. Accepting its version deletes it here too; keeping this station&apos;s version restores it on the platform.</source>
        <translation>中心平台已删除该记录。接受平台的版本，本警务室也会删除它；保留本警务室的版本，会在中心平台恢复它。</translation>
    </message>
    <message>
        <source>The platform has deleted this resident. Accepting its version deletes the resident here too, with their bindings to rooms; keeping this station&apos;s version restores the resident on the platform.</source>
        <translation>中心平台已删除该实有人口。接受平台的版本，本警务室也会删除此人及其人屋捆绑；保留本警务室的版本，会在中心平台恢复此人。</translation>
    </message>
    <message>
        <source>The platform&apos;s copy cannot be shown: {reason}.</source>
        <translation>无法显示中心平台的版本：{reason}。</translation>
    </message>
    <message>
        <source>This record was deleted here. Accepting the platform&apos;s version restores it here with the platform&apos;s values; keeping this station&apos;s version asks the platform to delete its copy too.</source>
        <translation>该记录已在本警务室删除。接受中心平台的版本，会按平台的内容在本警务室恢复它；保留本警务室的版本，会请中心平台也删除其副本。</translation>
    </message>
    <message>
        <source>This station&apos;s change cannot be sent to it. You can only withdraw the change; the record here is left as it is.</source>
        <translation>本警务室的修改无法发送到平台。只能撤回该修改；本警务室的记录保持不变。</translation>
    </message>
    <message>
        <source>Withdraw this station&apos;s change</source>
        <translation>撤回本警务室的修改</translation>
    </message>
    <message>
        <source>e.g. confirmed with the resident by phone</source>
        <translation>例如：已电话向本人核实</translation>
    </message>
    <message>
        <source>{kind} {id}: two versions</source>
        <translation>{kind} {id}：两个版本</translation>
    </message>
</context>
<context>
    <name>ConflictFields</name>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Arrived on</source>
        <translation>来本地日期</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>协管员</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>可住人数</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Date of entry</source>
        <translation>入境日期</translation>
    </message>
    <message>
        <source>Deleted (UTC)</source>
        <translation>删除时间（协调世界时）</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Document number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Document type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>Employer</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Household registration address</source>
        <translation>户籍地址</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>签发机关</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Landlord</source>
        <translation>业主</translation>
    </message>
    <message>
        <source>Landlord&apos;s ID number</source>
        <translation>业主证件号码</translation>
    </message>
    <message>
        <source>Landlord&apos;s phone</source>
        <translation>业主电话</translation>
    </message>
    <message>
        <source>Last changed (UTC)</source>
        <translation>最后修改（协调世界时）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Name (Latin letters)</source>
        <translation>姓名（拉丁字母）</translation>
    </message>
    <message>
        <source>Nationality</source>
        <translation>国籍</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Permit number</source>
        <translation>通行证号码</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Police district</source>
        <translation>警区</translation>
    </message>
    <message>
        <source>Previous number</source>
        <translation>原号码</translation>
    </message>
    <message>
        <source>Property manager</source>
        <translation>物管单位</translation>
    </message>
    <message>
        <source>Property manager&apos;s phone</source>
        <translation>物管单位电话</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>关系</translation>
    </message>
    <message>
        <source>Rental property (record id)</source>
        <translation>出租屋（记录编号）</translation>
    </message>
    <message>
        <source>Resident (record id)</source>
        <translation>实有人口（记录编号）</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Result notes</source>
        <translation>结果说明</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>房间</translation>
    </message>
    <message>
        <source>Room (record id)</source>
        <translation>房间（记录编号）</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Staying until</source>
        <translation>拟停留至</translation>
    </message>
    <message>
        <source>Tenancy (record id)</source>
        <translation>人屋捆绑（记录编号）</translation>
    </message>
    <message>
        <source>Times issued</source>
        <translation>签发次数</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>有效期起</translation>
    </message>
    <message>
        <source>Valid long-term</source>
        <translation>长期有效</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Validity when registered</source>
        <translation>登记时的有效状态</translation>
    </message>
    <message>
        <source>Visa or permit number</source>
        <translation>签证或居留许可号码</translation>
    </message>
    <message>
        <source>Visa or permit type</source>
        <translation>签证或居留许可种类</translation>
    </message>
</context>
<context>
    <name>Conflicts</name>
    <message>
        <source>Central platform</source>
        <translation>中心平台</translation>
    </message>
    <message>
        <source>Central platform (version {v})</source>
        <translation>中心平台（第 {v} 版）</translation>
    </message>
    <message>
        <source>Central platform (version {v}, deleted)</source>
        <translation>中心平台（第 {v} 版，已删除）</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>指纹</translation>
    </message>
    <message>
        <source>Identity document</source>
        <translation>身份证件</translation>
    </message>
    <message>
        <source>Landlord declaration</source>
        <translation>业主申报</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Record id</source>
        <translation>记录编号</translation>
    </message>
    <message>
        <source>Rental property</source>
        <translation>出租屋</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>报告时间</translation>
    </message>
    <message>
        <source>Resident</source>
        <translation>实有人口</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>房间</translation>
    </message>
    <message>
        <source>Spot check</source>
        <translation>抽查</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Tenancy (who lives where)</source>
        <translation>人屋捆绑</translation>
    </message>
    <message>
        <source>This station (version {v})</source>
        <translation>本警务室（第 {v} 版）</translation>
    </message>
    <message>
        <source>This station (version {v}, deleted)</source>
        <translation>本警务室（第 {v} 版，已删除）</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>ours v{v} (from v{b}), platform v{p}</source>
        <translation>本站第 {v} 版（基于第 {b} 版），平台第 {p} 版</translation>
    </message>
</context>
<context>
    <name>DeclarationDialog</name>
    <message numerus="yes">
        <source>%1 by %2 (%n tenant(s))</source>
        <translation>
            <numerusform>%1 由 %2 申报（%n 名租客）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n line(s) differ from the record (highlighted).</source>
        <translation>
            <numerusform>%n 行中有 %1 行与登记不一致（已突出显示）。</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Enter a declaration…</source>
        <translation>录入申报(&amp;E)……</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>重新读取(&amp;R)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Declarations</source>
        <translation>申报记录</translation>
    </message>
    <message>
        <source>Enter what the landlord declared: who lives in which room, since when</source>
        <translation>录入业主申报的内容：谁住在哪个房间、何时入住</translation>
    </message>
    <message>
        <source>Landlord declarations</source>
        <translation>业主申报</translation>
    </message>
    <message numerus="yes">
        <source>Landlord: %1. A landlord declares a new tenant within %n day(s) of moving in; a tenant recorded by an officer or assistant and not declared by then is overdue.</source>
        <translation>
            <numerusform>业主：%1。业主须在新租客入住后 %n 天内申报；民警或协管员已登记、逾期仍未申报的租客即为申报逾期。</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在读取……</translation>
    </message>
    <message numerus="yes">
        <source>No declaration form is on file for this property. Registered straight from what the landlord declared (&quot;Recorded from a declaration&quot;): %n tenant(s), with the room and date recorded then.</source>
        <translation>
            <numerusform>此出租屋没有存档的申报表。直接依据业主申报登记的租户（“据业主申报登记”）：%n 名，申报房间和日期即当时登记的房间和日期。</numerusform>
        </translation>
    </message>
    <message>
        <source>Nobody is recorded or declared here.</source>
        <translation>此处没有登记或申报的人员。</translation>
    </message>
    <message>
        <source>The declarations agree with the record.</source>
        <translation>申报与登记一致。</translation>
    </message>
    <message>
        <source>The landlord has declared nothing for this property yet.</source>
        <translation>业主尚未就此出租屋申报任何人员。</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>未登记</translation>
    </message>
</context>
<context>
    <name>DeclarationEntryDialog</name>
    <message>
        <source>&amp;Add a tenant</source>
        <translation>添加租客(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Declared on</source>
        <translation>申报日期(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>电话(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Save the declaration</source>
        <translation>保存申报(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Tenants declared (a row each; the room and moving-in date as the landlord gave them):</source>
        <translation>申报的租客(&amp;T)（每人一行；房间和入住日期按业主所报填写）：</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Declared &amp;by</source>
        <translation>申报人(&amp;B)</translation>
    </message>
    <message>
        <source>Enter a landlord declaration</source>
        <translation>录入业主申报</translation>
    </message>
    <message>
        <source>Re&amp;move the tenant</source>
        <translation>删除该租客(&amp;M)</translation>
    </message>
    <message>
        <source>Tenant %1: %2</source>
        <translation>第 %1 名租客：%2</translation>
    </message>
    <message>
        <source>declare at least one tenant</source>
        <translation>至少申报一名租客</translation>
    </message>
    <message>
        <source>for example 2024-03-01</source>
        <translation>例如 2024-03-01</translation>
    </message>
    <message>
        <source>not a date: write it as 2024-03-01</source>
        <translation>不是有效日期：请写成 2024-03-01</translation>
    </message>
    <message>
        <source>the date of the declaration is required</source>
        <translation>必须填写申报日期</translation>
    </message>
    <message>
        <source>the moving-in date is not a date: write it as 2024-03-01</source>
        <translation>入住日期不是有效日期：请写成 2024-03-01</translation>
    </message>
</context>
<context>
    <name>DelayedProgress</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消……</translation>
    </message>
</context>
<context>
    <name>DeleteResidentDialog</name>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Delete %1?</source>
        <translation>删除 %1 的记录？</translation>
    </message>
    <message>
        <source>Delete the resident</source>
        <translation>删除人员</translation>
    </message>
    <message>
        <source>Not deleted:</source>
        <translation>未删除：</translation>
    </message>
    <message>
        <source>Not deleted: someone changed this record after you opened it. Press Cancel, then Reload (F5) to see the current record; delete it again if it should still go.</source>
        <translation>未删除：在您打开后，该记录已被他人修改。请按“取消”，再按“重新载入”（F5）查看最新记录；如仍需删除，请再删除一次。</translation>
    </message>
    <message>
        <source>The record and its housing bindings are deleted; the deletion is sent to the platform at the next sync. The reason is recorded in the audit trail.</source>
        <translation>该人员的记录及其人屋捆绑将被删除，并在下次同步时报送中心平台。删除原因记入审计记录。</translation>
    </message>
    <message>
        <source>Type the reason first</source>
        <translation>请先填写原因</translation>
    </message>
    <message>
        <source>Why is the record deleted? For example: moved out of the area</source>
        <translation>为什么删除该记录？例如：已搬离本辖区</translation>
    </message>
</context>
<context>
    <name>DemoDesk</name>
    <message>
        <source>A finger of another person</source>
        <translation>另一个人的手指</translation>
    </message>
    <message>
        <source>Cables</source>
        <translation>连接线</translation>
    </message>
    <message>
        <source>Fingerprint scanner</source>
        <translation>指纹仪</translation>
    </message>
    <message>
        <source>Foreigner permanent residence card (2017)</source>
        <translation>外国人永久居留身份证（2017版）</translation>
    </message>
    <message>
        <source>Foreigner permanent residence card (2023)</source>
        <translation>外国人永久居留身份证（2023版）</translation>
    </message>
    <message>
        <source>Good press</source>
        <translation>按压良好</translation>
    </message>
    <message>
        <source>HK/Macau/Taiwan residence permit</source>
        <translation>港澳台居民居住证</translation>
    </message>
    <message>
        <source>ID card reader</source>
        <translation>身份证阅读器</translation>
    </message>
    <message>
        <source>Identity card (TD1)</source>
        <translation>身份证件（TD1）</translation>
    </message>
    <message>
        <source>Identity document (TD2)</source>
        <translation>身份证件（TD2）</translation>
    </message>
    <message>
        <source>Lift finger</source>
        <translation>抬起手指</translation>
    </message>
    <message>
        <source>Other finger</source>
        <translation>他人手指</translation>
    </message>
    <message>
        <source>Passport</source>
        <translation>护照</translation>
    </message>
    <message>
        <source>Passport reader</source>
        <translation>护照阅读器</translation>
    </message>
    <message>
        <source>Passport with a short number</source>
        <translation>号码较短的护照</translation>
    </message>
    <message>
        <source>Passport with a short number (expired 2023)</source>
        <translation>证件号较短的护照（2023年已过期）</translation>
    </message>
    <message>
        <source>Passport with a wrong check digit</source>
        <translation>校验位错误的护照</translation>
    </message>
    <message>
        <source>Passport, expired (ICAO specimen, 2012)</source>
        <translation>护照（已过期，ICAO样本，2012年）</translation>
    </message>
    <message>
        <source>Passport, expired (older ICAO specimen, 1994)</source>
        <translation>护照（已过期，旧版ICAO样本，1994年）</translation>
    </message>
    <message>
        <source>Passport, older specimen</source>
        <translation>护照（旧版样本）</translation>
    </message>
    <message>
        <source>Place card</source>
        <translation>放上证件</translation>
    </message>
    <message>
        <source>Plug in the ID card reader</source>
        <translation>插上身份证阅读器</translation>
    </message>
    <message>
        <source>Plug in the fingerprint scanner</source>
        <translation>插上指纹仪</translation>
    </message>
    <message>
        <source>Plug in the passport reader</source>
        <translation>插上护照阅读器</translation>
    </message>
    <message>
        <source>Poor press</source>
        <translation>按压不佳</translation>
    </message>
    <message>
        <source>Real devices are connected: the demo desk drives emulated devices only.</source>
        <translation>已连接真实设备：演示台只能操作模拟设备。</translation>
    </message>
    <message>
        <source>Remove card</source>
        <translation>取走证件</translation>
    </message>
    <message>
        <source>Resident ID card</source>
        <translation>居民身份证</translation>
    </message>
    <message>
        <source>Spanish identity card (TD1)</source>
        <translation>西班牙身份证件（TD1）</translation>
    </message>
    <message>
        <source>Stands in for the card, finger and passport you do not have to hand. The emulated devices send what real ones send.</source>
        <translation>代替手头没有的证件、手指和护照。模拟设备发送的数据与真实设备相同。</translation>
    </message>
    <message>
        <source>Swipe passport</source>
        <translation>刷护照</translation>
    </message>
    <message>
        <source>The devices are starting…</source>
        <translation>设备正在启动……</translation>
    </message>
    <message>
        <source>This device is not emulated here.</source>
        <translation>此设备在这里不是模拟设备。</translation>
    </message>
    <message>
        <source>Unplug the ID card reader</source>
        <translation>拔下身份证阅读器</translation>
    </message>
    <message>
        <source>Unplug the fingerprint scanner</source>
        <translation>拔下指纹仪</translation>
    </message>
    <message>
        <source>Unplug the passport reader</source>
        <translation>拔下护照阅读器</translation>
    </message>
    <message>
        <source>Visa (MRV-A)</source>
        <translation>签证（MRV-A）</translation>
    </message>
    <message>
        <source>Visa (MRV-A), Honeywell reader</source>
        <translation>签证（MRV-A），霍尼韦尔阅读器</translation>
    </message>
    <message>
        <source>Visa (MRV-B)</source>
        <translation>签证（MRV-B）</translation>
    </message>
    <message>
        <source>Visa (MRV-B), Honeywell reader</source>
        <translation>签证（MRV-B），霍尼韦尔阅读器</translation>
    </message>
</context>
<context>
    <name>DevicesPage</name>
    <message>
        <source>A finger was detected and an image taken. Module: {details}</source>
        <translation>检测到手指，已采集一幅图像。指纹仪：{details}</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>指定</translation>
    </message>
    <message>
        <source>Assign the selected port to:</source>
        <translation>将所选串口指定给：</translation>
    </message>
    <message>
        <source>Card read: {name} ({details})</source>
        <translation>读卡成功：{name}（{details}）</translation>
    </message>
    <message>
        <source>Close the connection and connect again; a missing device is searched for now</source>
        <translation>断开连接并重新连接；未连接的设备立即重新查找</translation>
    </message>
    <message>
        <source>Devices are starting…</source>
        <translation>设备正在启动……</translation>
    </message>
    <message>
        <source>Devices on this desk</source>
        <translation>本工作台的设备</translation>
    </message>
    <message>
        <source>EMULATED DEVICES (demo). The card reader, fingerprint scanner and passport reader below are programs standing in for real ones: every card, finger and passport here is synthetic. Do not register real people at this desk.</source>
        <translation>模拟设备（演示）。下面的身份证阅读器、指纹仪和护照阅读器都是代替真实设备的程序：这里的证件、手指和护照都是虚构的。请勿在此工作台登记真实人员。</translation>
    </message>
    <message>
        <source>List the ports again and look for missing devices</source>
        <translation>重新列出串口并查找未连接的设备</translation>
    </message>
    <message>
        <source>No finger was placed on the scanner within {seconds} seconds.</source>
        <translation>{seconds} 秒内指纹仪上没有放手指。</translation>
    </message>
    <message>
        <source>No passport was swiped within {seconds} seconds.</source>
        <translation>{seconds} 秒内没有刷护照。</translation>
    </message>
    <message>
        <source>No serial port is listed. Plug in the USB cable of a device.</source>
        <translation>未列出任何串口。请插上设备的 USB 连接线。</translation>
    </message>
    <message>
        <source>Passport read: {name} ({details}); a check digit is WRONG</source>
        <translation>护照已读取：{name}（{details}）；有校验位错误</translation>
    </message>
    <message>
        <source>Passport read: {name} ({details}); check digits correct</source>
        <translation>护照已读取：{name}（{details}）；校验位正确</translation>
    </message>
    <message>
        <source>Place a finger on the scanner…</source>
        <translation>请将手指放在指纹仪上……</translation>
    </message>
    <message>
        <source>Read the card on the reader and show its name</source>
        <translation>读取阅读器上的证件并显示姓名</translation>
    </message>
    <message>
        <source>Reading the card…</source>
        <translation>正在读卡……</translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation>重新连接</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>正在重新连接……</translation>
    </message>
    <message>
        <source>Remember this port for the device (needed for passport readers, which cannot be detected)</source>
        <translation>为该设备记住此串口（护照阅读器无法自动识别，须指定）</translation>
    </message>
    <message>
        <source>Search again</source>
        <translation>重新查找</translation>
    </message>
    <message>
        <source>Select a port in the list first.</source>
        <translation>请先在列表中选择一个串口。</translation>
    </message>
    <message>
        <source>Serial ports</source>
        <translation>串口</translation>
    </message>
    <message>
        <source>Swipe a passport through the reader…</source>
        <translation>请在护照阅读器上刷护照……</translation>
    </message>
    <message>
        <source>Test: finger press</source>
        <translation>测试：按手指</translation>
    </message>
    <message>
        <source>Test: passport</source>
        <translation>测试：读护照</translation>
    </message>
    <message>
        <source>Test: read card</source>
        <translation>测试：读卡</translation>
    </message>
    <message>
        <source>The port {port} is no longer listed.</source>
        <translation>串口 {port} 已不在列表中。</translation>
    </message>
    <message>
        <source>The {device} is assigned to {port}; it is remembered for the next start.</source>
        <translation>{device}已指定到 {port}，下次启动时仍然有效。</translation>
    </message>
    <message>
        <source>Wait for a finger on the scanner and take one image</source>
        <translation>等待手指放到指纹仪上并采集一幅图像</translation>
    </message>
    <message>
        <source>Wait for a passport to be swiped and show its name</source>
        <translation>等待刷护照并显示姓名</translation>
    </message>
    <message>
        <source>While this page is open, a card placed on the reader or a passport swiped is shown here as a test read; nothing is opened or saved.</source>
        <translation>本页面打开时，放上阅读器的证件或刷过的护照只在此处作为测试结果显示，不会打开或保存任何记录。</translation>
    </message>
    <message>
        <source>{baud} baud · data packet {packet} bytes · security level {security}</source>
        <translation>{baud} 波特 · 数据包 {packet} 字节 · 安全等级 {security}</translation>
    </message>
    <message>
        <source>{port} · {device}, {baud} baud</source>
        <translation>{port} · {device}，{baud} 波特</translation>
    </message>
</context>
<context>
    <name>EndOfShift</name>
    <message>
        <source>%n [tenancy|tenancies] (who lives where)</source>
        <translation>租住关系 %n 条</translation>
    </message>
    <message>
        <source>%n fingerprint(s)</source>
        <translation>指纹 %n 枚</translation>
    </message>
    <message>
        <source>%n identity document(s)</source>
        <translation>证件 %n 份</translation>
    </message>
    <message>
        <source>%n other record(s) ({kind})</source>
        <translation>其他记录 %n 条（{kind}）</translation>
    </message>
    <message>
        <source>%n pre-registration outcome(s)</source>
        <translation>%n 条网上备案处理结果</translation>
    </message>
    <message>
        <source>%n rental [property|properties]</source>
        <translation>出租屋 %n 处</translation>
    </message>
    <message>
        <source>%n residence declaration(s)</source>
        <translation>业主申报 %n 份</translation>
    </message>
    <message>
        <source>%n resident(s)</source>
        <translation>实有人口 %n 人</translation>
    </message>
    <message>
        <source>%n room(s)</source>
        <translation>房间 %n 间</translation>
    </message>
    <message>
        <source>%n spot check(s)</source>
        <translation>抽查 %n 次</translation>
    </message>
    <message>
        <source>%n task(s)</source>
        <translation>任务单 %n 项</translation>
    </message>
</context>
<context>
    <name>EndOfShiftDialog</name>
    <message numerus="yes">
        <source>%n of them [waits|wait] for your decision on a sync conflict (Sync page); a sync sends [it|them] only after you decide. The others are sent at the next sync from this desk. Nothing is lost.</source>
        <translation>
            <numerusform>其中 %n 条等待您处理同步冲突（见“同步”页），处理之后才会发送；其余的下次在本机同步时会自动上传。不会丢失。</numerusform>
        </translation>
    </message>
    <message>
        <source>Close anyway</source>
        <translation>仍然关闭</translation>
    </message>
    <message>
        <source>Close the workstation</source>
        <translation>关闭工作站</translation>
    </message>
    <message>
        <source>Close without syncing</source>
        <translation>不同步，直接关闭</translation>
    </message>
    <message>
        <source>Closing the workstation…</source>
        <translation>正在关闭工作站……</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>End of shift: sync conflicts wait for your decision</source>
        <translation>收班：同步冲突等待您处理</translation>
    </message>
    <message>
        <source>End of shift: sync first?</source>
        <translation>收班同步：先同步吗？</translation>
    </message>
    <message>
        <source>Every change has reached the central platform</source>
        <translation>所有变更均已上传到中心平台</translation>
    </message>
    <message>
        <source>If you close the workstation now, these stay on this desk only:</source>
        <translation>如果现在关闭工作站，以下记录只留在本机：</translation>
    </message>
    <message>
        <source>If you log out now, these stay on this desk only:</source>
        <translation>如果现在退出登录，以下记录只留在本机：</translation>
    </message>
    <message>
        <source>Keep working</source>
        <translation>继续工作</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Log out anyway</source>
        <translation>仍然退出登录</translation>
    </message>
    <message>
        <source>Log out without syncing</source>
        <translation>不同步，直接退出登录</translation>
    </message>
    <message>
        <source>Logging out…</source>
        <translation>正在退出登录……</translation>
    </message>
    <message numerus="yes">
        <source>Not at the central platform yet: %n record(s)</source>
        <translation>
            <numerusform>有 %n 条记录尚未上传到中心平台</numerusform>
        </translation>
    </message>
    <message>
        <source>Sending the waiting changes to the central platform and fetching its updates…</source>
        <translation>正在把待上传的变更发送到中心平台，并获取平台下发的内容……</translation>
    </message>
    <message>
        <source>Some changes were not acknowledged by the platform.</source>
        <translation>部分变更未得到中心平台确认。</translation>
    </message>
    <message>
        <source>Stay logged in</source>
        <translation>保持登录</translation>
    </message>
    <message>
        <source>Sync now, then close</source>
        <translation>立即同步，然后关闭</translation>
    </message>
    <message>
        <source>Sync now, then log out</source>
        <translation>立即同步，然后退出登录</translation>
    </message>
    <message>
        <source>The sync did not finish: {reason}</source>
        <translation>同步未完成：{reason}</translation>
    </message>
    <message>
        <source>They are sent at the next sync from this desk; nothing is lost.</source>
        <translation>下次在本机同步时会自动上传，不会丢失。</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Waiting for the sync under way to finish…</source>
        <translation>正在等待进行中的同步结束……</translation>
    </message>
    <message numerus="yes">
        <source>[It waits|They wait] for your decision on a sync conflict (Sync page); a sync sends [it|them] only after you decide. Nothing is lost.</source>
        <translation>
            <numerusform>这些记录等待您处理同步冲突（见“同步”页），处理之后才会发送。不会丢失。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EndTenancyDialog</name>
    <message>
        <source>%1 in room %2 since %3.</source>
        <translation>%1 自 %3 起住在 %2 房间。</translation>
    </message>
    <message>
        <source>&amp;Moved out on:</source>
        <translation>搬离日期(&amp;M)：</translation>
    </message>
    <message>
        <source>End binding</source>
        <translation>解除捆绑</translation>
    </message>
    <message>
        <source>the binding started on %1</source>
        <translation>该捆绑始于 %1</translation>
    </message>
</context>
<context>
    <name>EnrollmentTab</name>
    <message>
        <source>All files</source>
        <translation>所有文件</translation>
    </message>
    <message>
        <source>CA certificate file</source>
        <translation>CA 证书文件</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件……</translation>
    </message>
    <message>
        <source>Choose the CA certificate file first.</source>
        <translation>请先选择 CA 证书文件。</translation>
    </message>
    <message>
        <source>Enroll with the platform</source>
        <translation>在平台注册</translation>
    </message>
    <message>
        <source>Enrolled with {url} as device {device} (station {station}) since {t}.</source>
        <translation>自 {t} 起已在 {url} 注册，设备号 {device}（警务室 {station}）。</translation>
    </message>
    <message>
        <source>Enrolled: this workstation is device {device} of the platform and can sync now.</source>
        <translation>注册成功：本工作站是平台的设备 {device}，现在可以同步了。</translation>
    </message>
    <message>
        <source>Enrolling with the platform…</source>
        <translation>正在平台注册……</translation>
    </message>
    <message>
        <source>Fingerprint you were given (optional)</source>
        <translation>平台提供的证书指纹（可选）</translation>
    </message>
    <message>
        <source>I have compared this fingerprint with the one the platform team gave me: they are the same.</source>
        <translation>我已将此证书指纹与平台人员提供的证书指纹逐字核对：两者相同。</translation>
    </message>
    <message>
        <source>Issued to: {subject}; valid until {t}.</source>
        <translation>颁发给：{subject}；有效期至 {t}。</translation>
    </message>
    <message>
        <source>One-time code</source>
        <translation>一次性注册码</translation>
    </message>
    <message>
        <source>Platform address</source>
        <translation>平台地址</translation>
    </message>
    <message>
        <source>Reading the enrollment…</source>
        <translation>正在读取注册信息……</translation>
    </message>
    <message numerus="yes">
        <source>Replace this enrollment (device {device}). Batches the old platform acknowledged stay as they are; the ones it has not acknowledged (%n [batch|batches]) are sent to the new one instead.</source>
        <translation>
            <numerusform>替换当前注册（设备 {device}）。原平台已确认的批次保持不变；原平台未确认的 %n 个批次将改为发送到新平台。</numerusform>
        </translation>
    </message>
    <message>
        <source>SHA-256 fingerprint of the CA certificate</source>
        <translation>证书指纹（SHA-256）</translation>
    </message>
    <message>
        <source>Station code</source>
        <translation>警务室代码</translation>
    </message>
    <message>
        <source>The fingerprint you typed does NOT match the certificate&apos;s. Do not enroll: check the file.</source>
        <translation>您输入的证书指纹与所选证书文件不符。请勿注册，请核查证书文件。</translation>
    </message>
    <message>
        <source>The fingerprint you typed matches the certificate&apos;s.</source>
        <translation>您输入的证书指纹与所选证书文件相符。</translation>
    </message>
    <message>
        <source>The platform team gives you its address, a one-time code, its CA certificate file and that certificate&apos;s SHA-256 fingerprint. Choose the file: its fingerprint appears below. Compare it with the one you were given, character by character, before anything is sent.</source>
        <translation>平台人员会提供平台地址、一次性注册码、CA 证书文件以及该证书的证书指纹（SHA-256）。选择证书文件后，它的证书指纹显示在下方。发送任何内容之前，请将它与平台提供的证书指纹逐字核对。</translation>
    </message>
    <message>
        <source>The platform&apos;s CA certificate</source>
        <translation>平台的 CA 证书</translation>
    </message>
    <message>
        <source>This workstation is not enrolled with the central platform yet.</source>
        <translation>本工作站尚未在中心平台注册。</translation>
    </message>
    <message>
        <source>confirm the fingerprint first</source>
        <translation>请先确认指纹</translation>
    </message>
    <message>
        <source>paste it here to have it compared</source>
        <translation>粘贴到此处即可自动比对</translation>
    </message>
</context>
<context>
    <name>FingerprintDialog</name>
    <message>
        <source>%1 of %2 s at %3 baud</source>
        <translation>%1 / %2 秒（%3 波特）</translation>
    </message>
    <message>
        <source>&amp;Finger:</source>
        <translation>手指(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>重试(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Skip…</source>
        <translation>跳过(&amp;S)……</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Finger position (ISO/IEC 19794-2): change it if this finger cannot be taken; the capture starts again (Alt+F)</source>
        <translation>手指位置（ISO/IEC 19794-2）：该手指无法采集时可更换，采集将重新开始（Alt+F）</translation>
    </message>
    <message>
        <source>Fingerprint capture</source>
        <translation>指纹采集</translation>
    </message>
    <message>
        <source>Image quality:</source>
        <translation>图像质量：</translation>
    </message>
    <message>
        <source>Image transfer:</source>
        <translation>图像传输：</translation>
    </message>
    <message>
        <source>Image: waiting</source>
        <translation>图像：等待中</translation>
    </message>
    <message>
        <source>Image: waiting for the finger</source>
        <translation>图像：等待按压手指</translation>
    </message>
    <message>
        <source>Keep the enrolled fingerprint (Enter)</source>
        <translation>保留已采集的指纹（回车）</translation>
    </message>
    <message>
        <source>Lift the finger off the scanner first.</source>
        <translation>请先抬起手指。</translation>
    </message>
    <message>
        <source>No image yet</source>
        <translation>尚无图像</translation>
    </message>
    <message>
        <source>Press %1 of %2</source>
        <translation>第%1次按压，共%2次</translation>
    </message>
    <message>
        <source>Press Retry (Alt+R) to start this finger again, or choose another finger.</source>
        <translation>按“重试”（Alt+R）重新采集该手指，或选择其他手指。</translation>
    </message>
    <message>
        <source>Quality %1/100</source>
        <translation>质量 %1/100</translation>
    </message>
    <message>
        <source>Quality %1/100 (needs %2)</source>
        <translation>质量 %1/100（需要 %2）</translation>
    </message>
    <message>
        <source>Quality: –</source>
        <translation>质量：–</translation>
    </message>
    <message>
        <source>Register without a fingerprint; you are asked for the reason (Alt+S)</source>
        <translation>不采集指纹进行登记，需填写原因（Alt+S）</translation>
    </message>
    <message>
        <source>Start the capture of this finger again (Alt+R)</source>
        <translation>重新采集该手指（Alt+R）</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始……</translation>
    </message>
    <message>
        <source>Stop the capture and close (Esc)</source>
        <translation>停止采集并关闭（Esc）</translation>
    </message>
    <message>
        <source>Use this fingerprint</source>
        <translation>使用此指纹</translation>
    </message>
</context>
<context>
    <name>FreezeNotice</name>
    <message>
        <source>%n change(s) waiting (limit {limit})</source>
        <translation>有 %n 条修改待上传（上限 {limit} 条）</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>New registrations are blocked: {detail}. {way_out}</source>
        <translation>新登记已被冻结：{detail}。{way_out}</translation>
    </message>
    <message>
        <source>New registrations will be blocked at {time} (in {h} hours) unless this workstation syncs: {detail}. {way_out}</source>
        <translation>如不同步，新登记将于 {time}（{h} 小时后）被冻结：{detail}。{way_out}</translation>
    </message>
    <message>
        <source>New registrations will be blocked once more than %n change(s) wait for the platform: {detail}. {way_out}</source>
        <translation>待上传的修改一旦超过 %n 条，新登记将被冻结：{detail}。{way_out}</translation>
    </message>
    <message>
        <source>Sync now, or export the sealed batches to a USB stick below if there is no network; a supervisor can lift the block for a while.</source>
        <translation>请立即同步；无网络时可在下方将已打包的批次导出到U盘；所领导可临时解除冻结。</translation>
    </message>
    <message>
        <source>The limits are exceeded ({detail}), but a supervisor&apos;s override keeps registration open until {time}. {way_out}</source>
        <translation>已超出限制（{detail}），但所领导已临时解除冻结，登记开放至 {time}。{way_out}</translation>
    </message>
    <message>
        <source>override until {time}</source>
        <translation>临时解除至 {time}</translation>
    </message>
    <message>
        <source>registration blocked: sync needed</source>
        <translation>登记已冻结：需要同步</translation>
    </message>
    <message>
        <source>registration blocks in {h} h unless synced</source>
        <translation>如不同步，{h} 小时后冻结登记</translation>
    </message>
    <message>
        <source>the oldest waiting change is {age} hours old (limit {limit} hours)</source>
        <translation>最早的待上传修改已有 {age} 小时（上限 {limit} 小时）</translation>
    </message>
    <message>
        <source>{n} of %n change(s) waiting: registration blocks at %n</source>
        <translation>待上传 {n} 条（上限 %n 条）：超过即冻结登记</translation>
    </message>
</context>
<context>
    <name>HousingChecks</name>
    <message>
        <source>%1 (%2 of %3)</source>
        <translation>%1（%3 次中 %2 次）</translation>
    </message>
    <message>
        <source>%1 · saved</source>
        <translation>%1 · 已保存</translation>
    </message>
    <message>
        <source>%1, saved at %2</source>
        <translation>%1，保存于 %2</translation>
    </message>
    <message numerus="yes">
        <source>%n [person|people]</source>
        <translation>
            <numerusform>%n 人</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n [property|properties]</source>
        <translation>
            <numerusform>%n 处出租屋</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n room(s)</source>
        <translation>
            <numerusform>%n 个房间</numerusform>
        </translation>
    </message>
    <message>
        <source>(nobody recorded)</source>
        <translation>（无登记人员）</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Consistent</source>
        <translation>一致</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Declaration overdue</source>
        <translation>申报逾期</translation>
    </message>
    <message>
        <source>Declarations…</source>
        <translation>业主申报……</translation>
    </message>
    <message>
        <source>Declare by</source>
        <translation>申报截止</translation>
    </message>
    <message>
        <source>Declared as recorded</source>
        <translation>申报与登记一致</translation>
    </message>
    <message>
        <source>Declared in another room</source>
        <translation>申报的房间不同</translation>
    </message>
    <message>
        <source>Declared on</source>
        <translation>申报日期</translation>
    </message>
    <message>
        <source>Declared room</source>
        <translation>申报房间</translation>
    </message>
    <message>
        <source>Declared, moved out</source>
        <translation>已申报，已搬离</translation>
    </message>
    <message>
        <source>Declared, not recorded</source>
        <translation>已申报，未登记</translation>
    </message>
    <message>
        <source>Employee dormitory</source>
        <translation>员工宿舍</translation>
    </message>
    <message>
        <source>Every property of this grid has been spot-checked this month.</source>
        <translation>本网格的出租屋本月均已抽查。</translation>
    </message>
    <message>
        <source>Family member</source>
        <translation>家庭成员</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>核查结果</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>ID numbers masked</source>
        <translation>证件号码已脱敏</translation>
    </message>
    <message>
        <source>Inconsistent</source>
        <translation>不一致</translation>
    </message>
    <message>
        <source>Landlord</source>
        <translation>业主</translation>
    </message>
    <message>
        <source>Landlord&apos;s signature</source>
        <translation>业主签名</translation>
    </message>
    <message>
        <source>Last spot check</source>
        <translation>最近抽查</translation>
    </message>
    <message>
        <source>Monthly round %1, grid %2</source>
        <translation>%1 集中清查，网格 %2</translation>
    </message>
    <message>
        <source>More properties match than one sheet lists: print the rest by property.</source>
        <translation>符合条件的出租屋超过一张表的上限：其余请逐处打印。</translation>
    </message>
    <message>
        <source>Moved in (declared)</source>
        <translation>入住日期（申报）</translation>
    </message>
    <message>
        <source>Moved in (recorded)</source>
        <translation>入住日期（登记）</translation>
    </message>
    <message>
        <source>Moved out, never declared</source>
        <translation>已搬离，未曾申报</translation>
    </message>
    <message>
        <source>Moving-in date</source>
        <translation>入住日期</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>No rooms recorded.</source>
        <translation>未登记房间。</translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation>未核查</translation>
    </message>
    <message>
        <source>Not declared yet</source>
        <translation>尚未申报</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>查无此人</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>业主本人</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>People found who are not listed (name, ID number, room):</source>
        <translation>表中未列出但现场发现的人员（姓名、证件号码、房间）：</translation>
    </message>
    <message>
        <source>Preparing the sheet…</source>
        <translation>正在准备登记表……</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>在住</translation>
    </message>
    <message>
        <source>Print the rooms and the people bound to them, with boxes to tick on the visit</source>
        <translation>打印各房间及其绑定人员，走访时逐项勾选</translation>
    </message>
    <message>
        <source>Record what a visit found, room by room</source>
        <translation>逐个房间记录走访核查的结果</translation>
    </message>
    <message>
        <source>Recorded from a declaration</source>
        <translation>据业主申报登记</translation>
    </message>
    <message>
        <source>Recorded room</source>
        <translation>登记房间</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>关系</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>房间</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>房间数</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>入住日期</translation>
    </message>
    <message>
        <source>Spot check…</source>
        <translation>抽查核查……</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation>租客</translation>
    </message>
    <message>
        <source>Visit sheet</source>
        <translation>走访登记表</translation>
    </message>
    <message>
        <source>Visit sheet, grid %1</source>
        <translation>走访登记表，网格 %1</translation>
    </message>
    <message>
        <source>Visit sheet…</source>
        <translation>走访登记表……</translation>
    </message>
    <message>
        <source>Visited by</source>
        <translation>走访人</translation>
    </message>
    <message>
        <source>What the landlord declared beside the record; enter a declaration</source>
        <translation>业主申报与登记对照；录入申报</translation>
    </message>
    <message>
        <source>grid %1</source>
        <translation>网格 %1</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>no spot checks yet</source>
        <translation>尚无抽查</translation>
    </message>
    <message>
        <source>nobody recorded</source>
        <translation>无登记人员</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>未登记</translation>
    </message>
    <message>
        <source>page %1 / %2</source>
        <translation>第 %1 / %2 页</translation>
    </message>
    <message>
        <source>printed %1 by %2</source>
        <translation>%1 由 %2 打印</translation>
    </message>
</context>
<context>
    <name>LoginScreen</name>
    <message>
        <source>&amp;Another operator</source>
        <translation>其他操作员登录(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Back to unlocking {user}</source>
        <translation>返回解锁 {user}(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;New password</source>
        <translation>新密码(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Repeat new password</source>
        <translation>再次输入新密码(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;User name</source>
        <translation>用户名(&amp;U)</translation>
    </message>
    <message>
        <source>Another operator logs in. The session of {user} stays locked until {user} unlocks it.</source>
        <translation>其他操作员登录。{user} 的会话保持锁定，直到 {user} 本人解锁。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在验证……</translation>
    </message>
    <message>
        <source>Current &amp;password</source>
        <translation>当前密码(&amp;P)</translation>
    </message>
    <message>
        <source>Demo station: synthetic data only. Demo logins:</source>
        <translation>演示工作站：仅含虚构数据。演示账号：</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <source>Language of the workstation</source>
        <translation>工作站界面语言</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Log in (Enter)</source>
        <translation>登录（Enter）</translation>
    </message>
    <message>
        <source>Log in with your operator account.</source>
        <translation>请使用操作员账号登录。</translation>
    </message>
    <message>
        <source>Opening the station…</source>
        <translation>正在打开工作站……</translation>
    </message>
    <message>
        <source>The desk is locked.</source>
        <translation>工作站已锁定。</translation>
    </message>
    <message>
        <source>The lockout is over: you can try to log in again.</source>
        <translation>锁定已解除，可以重新登录。</translation>
    </message>
    <message>
        <source>The two new passwords differ.</source>
        <translation>两次输入的新密码不一致。</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Your password was reset by an administrator. Choose a new password (at least 8 characters) to continue.</source>
        <translation>您的密码已由管理员重置。请设置新密码（至少 8 个字符）后继续。</translation>
    </message>
    <message>
        <source>{user}, enter your password to continue, or another operator can log in.</source>
        <translation>{user}，请输入密码继续；也可由其他操作员登录。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source> (locked)</source>
        <translation>（已锁定）</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Desk</source>
        <translation>工作台(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>锁定(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;New registration</source>
        <translation>新建登记(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Search residents</source>
        <translation>查询实有人口(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;What is this page?</source>
        <translation>本页说明(&amp;W)</translation>
    </message>
    <message>
        <source>({n} for a conflict decision)</source>
        <translation>（其中 {n} 条待处理冲突）</translation>
    </message>
    <message>
        <source>A short explanation of the page in front of you</source>
        <translation>当前页面的简要说明</translation>
    </message>
    <message>
        <source>About the workstation</source>
        <translation>关于工作站</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Close the workstation</source>
        <translation>关闭工作站</translation>
    </message>
    <message>
        <source>Close this message</source>
        <translation>关闭此消息</translation>
    </message>
    <message>
        <source>Close your session</source>
        <translation>结束您的会话</translation>
    </message>
    <message>
        <source>Demo desk</source>
        <translation>演示台</translation>
    </message>
    <message>
        <source>Go to the search box</source>
        <translation>转到查询框</translation>
    </message>
    <message>
        <source>Lock the desk: your work stays, hidden, until you log in</source>
        <translation>锁定工作站：您的工作会保留并隐藏，直到您再次登录</translation>
    </message>
    <message>
        <source>Log &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Not logged in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <source>Police-room workstation</source>
        <translation>社区警务室工作站</translation>
    </message>
    <message>
        <source>Police-room workstation: residents, rental housing, ID card, passport and fingerprint devices, encrypted local store and sync with the central platform.</source>
        <translation>社区警务室工作站：实有人口、出租屋、身份证、护照与指纹设备、加密的本地数据库，以及与中心平台的同步。</translation>
    </message>
    <message>
        <source>Register a person by typing (no card)</source>
        <translation>手工录入登记（无证件）</translation>
    </message>
    <message>
        <source>S&amp;ync now</source>
        <translation>立即同步(&amp;Y)</translation>
    </message>
    <message>
        <source>Search residents: name, pinyin, ID number, phone, address… (Ctrl+F)</source>
        <translation>查询实有人口：姓名、拼音、证件号码、电话、地址……（Ctrl+F）</translation>
    </message>
    <message>
        <source>Send changes to the central platform and fetch tasks</source>
        <translation>将更改发送到中心平台并接收任务</translation>
    </message>
    <message>
        <source>Sync not finished: {e}</source>
        <translation>同步未完成：{e}</translation>
    </message>
    <message>
        <source>Syncing with the central platform…</source>
        <translation>正在与中心平台同步……</translation>
    </message>
    <message>
        <source>Your role does not open residents&apos; records.</source>
        <translation>您的角色无权打开实有人口记录。</translation>
    </message>
    <message>
        <source>last sync {t}</source>
        <translation>上次同步 {t}</translation>
    </message>
    <message>
        <source>last try {t} not finished</source>
        <translation>上次尝试 {t} 未完成</translation>
    </message>
    <message numerus="yes">
        <source>⇅ %n change(s) waiting</source>
        <translation>
            <numerusform>⇅ %n 条变更待上传</numerusform>
        </translation>
    </message>
    <message>
        <source>⇅ not enrolled with the platform</source>
        <translation>⇅ 未在平台注册</translation>
    </message>
</context>
<context>
    <name>MaintenanceTab</name>
    <message numerus="yes">
        <source>Acknowledged by the platform and older than {date}: %n record(s). A purge deletes:</source>
        <translation>
            <numerusform>%n 条记录已由平台确认且早于 {date}；清理将删除：</numerusform>
        </translation>
    </message>
    <message>
        <source>An encrypted copy of the whole station into a new or empty folder (for example on a USB disk kept in the station safe). Restoring it needs the recovery passphrase of today.</source>
        <translation>将整个警务室的数据加密复制到一个新的或空的文件夹（例如存放在保险柜中的 U 盘）。恢复时需要使用当前的恢复口令。</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Backing up the station…</source>
        <translation>正在备份……</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Backup written to {folder}. Keep it with the recovery passphrase; restoring is done with the command &quot;workstation-admin restore&quot;.</source>
        <translation>备份已写入 {folder}。请与恢复口令一起妥善保管；恢复时使用命令“workstation-admin restore”。</translation>
    </message>
    <message>
        <source>Choose folder…</source>
        <translation>选择文件夹……</translation>
    </message>
    <message>
        <source>Data the platform has acknowledged and that is older than the retention period (Station settings) is deleted from this desk for good. First see what would go; nothing is deleted by the preview.</source>
        <translation>平台已确认且超过保存期限（见“警务室设置”）的数据将从本工作站永久删除。请先查看将删除哪些数据；预览不会删除任何内容。</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Folder for the backup</source>
        <translation>备份文件夹</translation>
    </message>
    <message>
        <source>I have checked the list: delete these records from this desk (a backup keeps them).</source>
        <translation>我已核对清单：从本工作站删除这些记录（备份中仍保留）。</translation>
    </message>
    <message>
        <source>Looking for data past retention…</source>
        <translation>正在查找超过保存期限的数据……</translation>
    </message>
    <message>
        <source>Nothing to purge: no acknowledged data is older than {date}.</source>
        <translation>无需清理：没有早于 {date} 的已确认数据。</translation>
    </message>
    <message numerus="yes">
        <source>Purge %n record(s)</source>
        <translation>
            <numerusform>清理 %n 条记录</numerusform>
        </translation>
    </message>
    <message>
        <source>Purge old data</source>
        <translation>清理过期数据</translation>
    </message>
    <message numerus="yes">
        <source>Purged %n record(s) acknowledged by the platform and older than {date}.</source>
        <translation>
            <numerusform>已清理 %n 条平台已确认且早于 {date} 的记录。</numerusform>
        </translation>
    </message>
    <message>
        <source>Purging…</source>
        <translation>正在清理……</translation>
    </message>
    <message>
        <source>Show what would be purged</source>
        <translation>查看将清理的数据</translation>
    </message>
</context>
<context>
    <name>MonthlyRoundDialog</name>
    <message numerus="yes">
        <source>%n [property|properties] of grid %1 not spot-checked in %2, in address order.</source>
        <translation>
            <numerusform>网格 %1 有 %n 处出租屋在 %2 未抽查，按地址排列。</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Grid</source>
        <translation>网格(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Print preview…</source>
        <translation>打印预览(&amp;P)……</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>显示(&amp;S)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Enter the grid code first.</source>
        <translation>请先输入网格编号。</translation>
    </message>
    <message>
        <source>Every property of grid %1 has been spot-checked in %2.</source>
        <translation>网格 %1 的出租屋在 %2 均已抽查。</translation>
    </message>
    <message>
        <source>Monthly round</source>
        <translation>集中清查</translation>
    </message>
    <message>
        <source>Monthly round: properties not spot-checked this month</source>
        <translation>集中清查：本月尚未抽查的出租屋</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Save as P&amp;DF…</source>
        <translation>另存为 PDF(&amp;D)……</translation>
    </message>
    <message>
        <source>Save the monthly round</source>
        <translation>保存集中清查表</translation>
    </message>
    <message>
        <source>grid code, for example G01</source>
        <translation>网格编号，例如 G01</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <source>%1, now in room %2.</source>
        <translation>%1，现住 %2 房间。</translation>
    </message>
    <message>
        <source>&amp;First day in the new room:</source>
        <translation>入住新房间日期(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;To room:</source>
        <translation>迁入房间(&amp;T)：</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>换房</translation>
    </message>
    <message>
        <source>Move to another room</source>
        <translation>换到其他房间</translation>
    </message>
    <message>
        <source>The binding to room %1 ends on that day: from then on the person counts in the new room only.</source>
        <translation>与房间 %1 的捆绑于当天结束：此后该人只计入新房间。</translation>
    </message>
    <message>
        <source>add another room first</source>
        <translation>请先添加其他房间</translation>
    </message>
</context>
<context>
    <name>NewOperatorDialog</name>
    <message>
        <source>Name shown</source>
        <translation>显示姓名</translation>
    </message>
    <message>
        <source>New operator</source>
        <translation>新建操作员</translation>
    </message>
    <message>
        <source>Operator {user} ({role}) created.</source>
        <translation>已创建操作员 {user}（{role}）。</translation>
    </message>
    <message>
        <source>Password (at least {n} characters)</source>
        <translation>密码（至少 {n} 个字符）</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>The new operator logs in with this password and can change it at once. User names use letters, digits and . _ - (at most 32).</source>
        <translation>新操作员用此密码登录，并可立即修改。用户名由字母、数字和 . _ - 组成（最多 32 个）。</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>the two passwords differ</source>
        <translation>两次输入的密码不一致</translation>
    </message>
</context>
<context>
    <name>OperatorsTab</name>
    <message>
        <source>Change role…</source>
        <translation>更改角色……</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>New operator…</source>
        <translation>新建操作员……</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>重置密码……</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Who may log in at this desk and what each may do. A locked account had too many wrong passwords; unlock it, or reset its password. The last active administrator cannot be disabled or given another role.</source>
        <translation>谁可以在本工作站登录，以及各自能做什么。账号因多次输错密码而被锁定时，可以解锁或重置密码。最后一位在用的管理员不能被停用或更改角色。</translation>
    </message>
    <message>
        <source>{user} is disabled: they cannot log in, and their open session ends.</source>
        <translation>{user} 已停用：无法再登录，其当前会话已结束。</translation>
    </message>
    <message>
        <source>{user} is enabled and can log in again.</source>
        <translation>{user} 已启用，可以再次登录。</translation>
    </message>
    <message>
        <source>{user} is unlocked and can log in again.</source>
        <translation>{user} 已解锁，可以再次登录。</translation>
    </message>
    <message>
        <source>{user} was not locked (any more).</source>
        <translation>{user} 未被锁定（或已自动解锁）。</translation>
    </message>
</context>
<context>
    <name>OverlapQuestion</name>
    <message>
        <source>Bound to another room</source>
        <translation>已捆绑到其他房间</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Keep both bindings</source>
        <translation>保留两处捆绑</translation>
    </message>
    <message>
        <source>Keep both only if the person really lives in both rooms at the same time (recorded in the audit trail). Otherwise move the person: the other binding ends on the day of the move.</source>
        <translation>仅当此人确实同时住在两个房间时才保留两项捆绑（记入审计记录）。否则请迁移此人：另一项捆绑在迁移当天结束。</translation>
    </message>
    <message>
        <source>Move here instead</source>
        <translation>改为换到此房间</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Enter the recovery passphrase.</source>
        <translation>请输入恢复口令。</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Recovery passphrase</source>
        <translation>恢复口令</translation>
    </message>
    <message>
        <source>This computer&apos;s keyring does not hold the key of the station in {folder}. Enter the station&apos;s recovery passphrase (from the sealed envelope kept at the station) to unlock it; the key is then kept in the keyring again.</source>
        <translation>本机的系统密钥环中没有 {folder} 中工作站的密钥。请输入本站的恢复口令（见站内保存的密封信封）解锁；解锁后密钥会重新保存到密钥环中。</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Unlock the station</source>
        <translation>解锁工作站</translation>
    </message>
</context>
<context>
    <name>PortsModel</name>
    <message>
        <source>Adapter</source>
        <translation>适配器</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>No adapter profile matches: every device kind is tried at its default baud.</source>
        <translation>没有匹配的适配器配置：按各类设备的默认波特率逐一尝试。</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>串口</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>序列号</translation>
    </message>
    <message>
        <source>built-in or named</source>
        <translation>内置或指定的串口</translation>
    </message>
    <message>
        <source>emulated (demo)</source>
        <translation>模拟（演示）</translation>
    </message>
    <message>
        <source>emulator</source>
        <translation>模拟器</translation>
    </message>
    <message>
        <source>no profile</source>
        <translation>无配置</translation>
    </message>
</context>
<context>
    <name>Properties</name>
    <message>
        <source>Apartment</source>
        <translation>住宅公寓</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Dormitory</source>
        <translation>集体宿舍</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Remove room</source>
        <translation>删除房间</translation>
    </message>
    <message>
        <source>Remove room %1? Its past bindings stay in the history.</source>
        <translation>删除 %1 房间？其以往的捆绑记录仍保留在历史中。</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Self-built house</source>
        <translation>自建房</translation>
    </message>
    <message>
        <source>Shop with living space</source>
        <translation>商住两用</translation>
    </message>
    <message>
        <source>a date is required</source>
        <translation>请填写日期</translation>
    </message>
    <message>
        <source>not a date: type it as 2024-03-01</source>
        <translation>日期无效：请按 2024-03-01 的格式填写</translation>
    </message>
</context>
<context>
    <name>PropertiesModel</name>
    <message>
        <source>%1 at %2 from %3</source>
        <translation>%2 %1 房间（自 %3 起）</translation>
    </message>
    <message>
        <source>(deleted)</source>
        <translation>（已删除）</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Also bound to room %1</source>
        <translation>同时捆绑于 %1</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>协管员</translation>
    </message>
    <message>
        <source>Consistency rate</source>
        <translation>一致率</translation>
    </message>
    <message>
        <source>Declaration</source>
        <translation>业主申报</translation>
    </message>
    <message>
        <source>Document number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Employee dormitory</source>
        <translation>员工宿舍</translation>
    </message>
    <message>
        <source>Family member</source>
        <translation>家属</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Landlord</source>
        <translation>业主</translation>
    </message>
    <message>
        <source>Last spot check</source>
        <translation>最近抽查</translation>
    </message>
    <message>
        <source>Moved out</source>
        <translation>搬离日期</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>民警</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>业主本人</translation>
    </message>
    <message>
        <source>People now</source>
        <translation>现住人数</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>关系</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>房间数</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation>租客</translation>
    </message>
    <message>
        <source>ended</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>from a later date</source>
        <translation>尚未开始</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未抽查</translation>
    </message>
    <message>
        <source>not checked</source>
        <translation>未抽查</translation>
    </message>
    <message>
        <source>now</source>
        <translation>至今</translation>
    </message>
</context>
<context>
    <name>PropertiesPage</name>
    <message>
        <source>%1 is bound to room %2.</source>
        <translation>%1 已捆绑到 %2 房间。</translation>
    </message>
    <message>
        <source>Properties</source>
        <translation>出租屋</translation>
    </message>
</context>
<context>
    <name>PropertyDialog</name>
    <message>
        <source>&amp;Address:</source>
        <translation>地址(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Grid:</source>
        <translation>网格(&amp;G)：</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>11-digit mobile</source>
        <translation>11 位手机号码</translation>
    </message>
    <message>
        <source>Assistant who registers it</source>
        <translation>登记协管员</translation>
    </message>
    <message>
        <source>Assistant:</source>
        <translation>协管员：</translation>
    </message>
    <message>
        <source>Company or manager:</source>
        <translation>物管单位或负责人：</translation>
    </message>
    <message>
        <source>District code:</source>
        <translation>警区代码：</translation>
    </message>
    <message>
        <source>Edit property</source>
        <translation>编辑出租屋</translation>
    </message>
    <message>
        <source>ID number:</source>
        <translation>身份证号码：</translation>
    </message>
    <message>
        <source>Landlord</source>
        <translation>业主</translation>
    </message>
    <message>
        <source>Mobile:</source>
        <translation>手机：</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>New property</source>
        <translation>新建出租屋</translation>
    </message>
    <message>
        <source>Police district that checks it</source>
        <translation>负责核查的警区</translation>
    </message>
    <message>
        <source>Property management company</source>
        <translation>物管单位</translation>
    </message>
</context>
<context>
    <name>PropertyList</name>
    <message numerus="yes">
        <source>%n [property|properties]</source>
        <translation>
            <numerusform>共 %n 处出租屋</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n [property|properties] shown; scroll for more</source>
        <translation>
            <numerusform>已显示 %n 处出租屋；向下滚动查看更多</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Grid:</source>
        <translation>网格(&amp;G)：</translation>
    </message>
    <message>
        <source>&amp;Landlords late only</source>
        <translation>仅看申报逾期的业主(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Order:</source>
        <translation>排序(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>搜索(&amp;S)：</translation>
    </message>
    <message>
        <source>Address, landlord&apos;s name, mobile or pinyin</source>
        <translation>地址、业主姓名、手机号或拼音</translation>
    </message>
    <message>
        <source>Monthly round…</source>
        <translation>集中清查……</translation>
    </message>
    <message>
        <source>New property…</source>
        <translation>新建出租屋……</translation>
    </message>
    <message>
        <source>No property found.</source>
        <translation>未找到出租屋。</translation>
    </message>
    <message>
        <source>Only properties with a tenant the landlord has not declared within the station&apos;s time limit</source>
        <translation>只显示有租客未在本所规定时限内由业主申报的出租屋</translation>
    </message>
    <message>
        <source>The grid&apos;s properties not spot-checked this month, printable as one sheet</source>
        <translation>本网格本月尚未抽查的出租屋，可打印成一张表</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>by address</source>
        <translation>按地址</translation>
    </message>
    <message>
        <source>by consistency rate, lowest first</source>
        <translation>按一致率（从低到高）</translation>
    </message>
</context>
<context>
    <name>PropertyView</name>
    <message>
        <source>%1 / %n [person|people]</source>
        <translation>%1 / %n 人</translation>
    </message>
    <message>
        <source>%n [person|people]</source>
        <translation>%n 人</translation>
    </message>
    <message>
        <source>%n [person|people] bound now</source>
        <translation>现捆绑 %n 人</translation>
    </message>
    <message>
        <source>%n room(s)</source>
        <translation>%n 个房间</translation>
    </message>
    <message>
        <source>Add room…</source>
        <translation>添加房间……</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>协管员</translation>
    </message>
    <message>
        <source>Back to the property list (Esc)</source>
        <translation>返回出租屋列表（Esc）</translation>
    </message>
    <message>
        <source>Bind a person…</source>
        <translation>捆绑人员……</translation>
    </message>
    <message>
        <source>Bound twice</source>
        <translation>重复捆绑</translation>
    </message>
    <message>
        <source>Choose a room</source>
        <translation>请选择房间</translation>
    </message>
    <message>
        <source>Click a room (or Tab to it and press Enter) to see who lives there.</source>
        <translation>点击房间（或用 Tab 键移到房间后按回车）查看住户。</translation>
    </message>
    <message>
        <source>Declared</source>
        <translation>已申报</translation>
    </message>
    <message>
        <source>Edit property…</source>
        <translation>编辑出租屋……</translation>
    </message>
    <message>
        <source>Empty</source>
        <translation>空置</translation>
    </message>
    <message>
        <source>End binding…</source>
        <translation>解除捆绑……</translation>
    </message>
    <message>
        <source>Find a registered resident by name, pinyin, ID number or phone</source>
        <translation>按姓名、拼音、证件号码或电话查找已登记人员</translation>
    </message>
    <message>
        <source>Full</source>
        <translation>已满</translation>
    </message>
    <message>
        <source>Green: verified by a spot check · Amber: not verified · Grey: empty · Red: more people than the room&apos;s capacity (rooms with a capacity set). Each tile also says it in words.</source>
        <translation>绿色：抽查核实 · 黄色：未核实 · 灰色：空置 · 红色：超员（人数超过房间的核定人数，仅限已设核定人数的房间）。每个房间也用文字注明。</translation>
    </message>
    <message>
        <source>Grid %1</source>
        <translation>网格 %1</translation>
    </message>
    <message>
        <source>ID: %1</source>
        <translation>身份证：%1</translation>
    </message>
    <message>
        <source>Landlord</source>
        <translation>业主</translation>
    </message>
    <message>
        <source>Mobile: %1</source>
        <translation>手机：%1</translation>
    </message>
    <message>
        <source>Move to another room…</source>
        <translation>换到其他房间……</translation>
    </message>
    <message>
        <source>Not declared</source>
        <translation>未申报</translation>
    </message>
    <message>
        <source>Not verified</source>
        <translation>未核实</translation>
    </message>
    <message>
        <source>Over capacity</source>
        <translation>超员</translation>
    </message>
    <message>
        <source>Place an ID card on the reader to bind its holder to room %1.</source>
        <translation>将身份证放到读卡器上，即可把持证人捆绑到 %1 房间。</translation>
    </message>
    <message>
        <source>Police district</source>
        <translation>警区</translation>
    </message>
    <message>
        <source>Property management</source>
        <translation>物管单位</translation>
    </message>
    <message>
        <source>Remove room</source>
        <translation>删除房间</translation>
    </message>
    <message>
        <source>Rename room…</source>
        <translation>重命名房间……</translation>
    </message>
    <message>
        <source>Room %1</source>
        <translation>%1 房间</translation>
    </message>
    <message>
        <source>This property has no rooms yet. Add the rooms first, then bind people to them.</source>
        <translation>此出租屋还没有房间。请先添加房间，再捆绑人员。</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>已核实</translation>
    </message>
    <message>
        <source>Your role reads who lives here; it does not bind people.</source>
        <translation>您的角色可查看住户，但不能捆绑人员。</translation>
    </message>
    <message>
        <source>consistency rate %1</source>
        <translation>一致率 %1</translation>
    </message>
    <message>
        <source>last spot check %1</source>
        <translation>最近抽查 %1</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未抽查</translation>
    </message>
    <message>
        <source>none bound</source>
        <translation>未指定</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>未登记</translation>
    </message>
    <message>
        <source>← All properties</source>
        <translation>← 全部出租屋</translation>
    </message>
</context>
<context>
    <name>Registration</name>
    <message>
        <source>%1:</source>
        <translation>%1：</translation>
    </message>
    <message>
        <source>, </source>
        <comment>list separator</comment>
        <translation>、</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>住址</translation>
    </message>
    <message>
        <source>Arrival date</source>
        <translation>来本地日期</translation>
    </message>
    <message>
        <source>C — crew</source>
        <translation>C 乘务</translation>
    </message>
    <message>
        <source>D — permanent residence</source>
        <translation>D 定居</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Date of entry</source>
        <translation>入境日期</translation>
    </message>
    <message>
        <source>Document number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Document type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <source>Employee dormitory</source>
        <translation>员工宿舍</translation>
    </message>
    <message>
        <source>Employer</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <source>F — exchanges and visits</source>
        <translation>F 交流访问</translation>
    </message>
    <message>
        <source>Family member</source>
        <translation>家属</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>Foreigner permanent residence card (2017)</source>
        <translation>外国人永久居留身份证（2017版）</translation>
    </message>
    <message>
        <source>Foreigner permanent residence card (2023)</source>
        <translation>外国人永久居留身份证（2023版）</translation>
    </message>
    <message>
        <source>G — transit</source>
        <translation>G 过境</translation>
    </message>
    <message>
        <source>HK/Macau/Taiwan residence permit</source>
        <translation>港澳台居民居住证</translation>
    </message>
    <message>
        <source>Household address</source>
        <translation>户籍地址</translation>
    </message>
    <message>
        <source>ID card reader</source>
        <translation>身份证阅读器</translation>
    </message>
    <message>
        <source>Intended stay until</source>
        <translation>拟停留至</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>签发机关</translation>
    </message>
    <message>
        <source>J1 — resident journalist</source>
        <translation>J1 常驻记者</translation>
    </message>
    <message>
        <source>J2 — journalist on a short assignment</source>
        <translation>J2 临时采访记者</translation>
    </message>
    <message>
        <source>L — tourism</source>
        <translation>L 旅游</translation>
    </message>
    <message>
        <source>Left index finger</source>
        <translation>左手食指</translation>
    </message>
    <message>
        <source>Left little finger</source>
        <translation>左手小指</translation>
    </message>
    <message>
        <source>Left middle finger</source>
        <translation>左手中指</translation>
    </message>
    <message>
        <source>Left ring finger</source>
        <translation>左手环指</translation>
    </message>
    <message>
        <source>Left thumb</source>
        <translation>左手拇指</translation>
    </message>
    <message>
        <source>M — business and trade</source>
        <translation>M 商贸</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Name (Latin letters)</source>
        <translation>英文姓名</translation>
    </message>
    <message>
        <source>Nationality</source>
        <translation>国籍</translation>
    </message>
    <message>
        <source>Not stated</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Open the record</source>
        <translation>打开该记录</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Other document</source>
        <translation>其他证件</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>业主</translation>
    </message>
    <message>
        <source>Passport</source>
        <translation>护照</translation>
    </message>
    <message>
        <source>Passport reader</source>
        <translation>护照阅读器</translation>
    </message>
    <message>
        <source>Previous card number</source>
        <translation>原证件号码</translation>
    </message>
    <message>
        <source>Property</source>
        <translation>出租屋</translation>
    </message>
    <message>
        <source>Q1 — family reunion (long stay)</source>
        <translation>Q1 家庭团聚（长期）</translation>
    </message>
    <message>
        <source>Q2 — visiting relatives (short stay)</source>
        <translation>Q2 探亲（短期）</translation>
    </message>
    <message>
        <source>R — high-level talent</source>
        <translation>R 高层次人才</translation>
    </message>
    <message>
        <source>Registered {name}.</source>
        <translation>已登记：{name}。</translation>
    </message>
    <message>
        <source>Residence permit</source>
        <translation>居留许可</translation>
    </message>
    <message>
        <source>Resident ID card</source>
        <extracomment>What each kind of document is called (marked, context ``&quot;Registration&quot;``: the registration form, ``workstation status``&apos;s demo card line and the audit trail&apos;s words all show these).</extracomment>
        <translation>居民身份证</translation>
    </message>
    <message>
        <source>Right index finger</source>
        <translation>右手食指</translation>
    </message>
    <message>
        <source>Right little finger</source>
        <translation>右手小指</translation>
    </message>
    <message>
        <source>Right middle finger</source>
        <translation>右手中指</translation>
    </message>
    <message>
        <source>Right ring finger</source>
        <translation>右手环指</translation>
    </message>
    <message>
        <source>Right thumb</source>
        <translation>右手拇指</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>房间</translation>
    </message>
    <message>
        <source>S1 — private affairs (long stay)</source>
        <translation>S1 私人事务（长期）</translation>
    </message>
    <message>
        <source>S2 — private affairs (short stay)</source>
        <translation>S2 私人事务（短期）</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Stay permit</source>
        <translation>停留许可</translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation>租客</translation>
    </message>
    <message>
        <source>This person is not registered here, and your role may not register residents.</source>
        <translation>此人尚未在本辖区登记，您的角色无权登记人员。</translation>
    </message>
    <message>
        <source>Times issued</source>
        <translation>签发次数</translation>
    </message>
    <message>
        <source>Travel permit number</source>
        <translation>通行证号码</translation>
    </message>
    <message>
        <source>Typed in</source>
        <translation>手工录入</translation>
    </message>
    <message>
        <source>Unknown finger</source>
        <translation>未知手指</translation>
    </message>
    <message>
        <source>Unspecified</source>
        <translation>未说明</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>有效期起</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Visa or permit number</source>
        <translation>签证或居留许可号码</translation>
    </message>
    <message>
        <source>Visa or permit type</source>
        <translation>签证或居留许可种类</translation>
    </message>
    <message>
        <source>Visa-free entry (no number)</source>
        <translation>免签入境（无号码）</translation>
    </message>
    <message>
        <source>X1 — study (long term)</source>
        <translation>X1 学习（长期）</translation>
    </message>
    <message>
        <source>X2 — study (short term)</source>
        <translation>X2 学习（短期）</translation>
    </message>
    <message>
        <source>Z — work</source>
        <translation>Z 工作</translation>
    </message>
</context>
<context>
    <name>RegistrationForm</name>
    <message>
        <source>&amp;Fingerprint…</source>
        <translation>采集指纹(&amp;F)……</translation>
    </message>
    <message>
        <source>&amp;Open that record</source>
        <translation>打开该记录(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>11-digit mobile, or + and country code (e.g. +852…)</source>
        <translation>11位手机号，或“+”加国家或地区代码（如以 +852 开头）</translation>
    </message>
    <message>
        <source>3-letter code, e.g. GBR</source>
        <translation>三位字母代码，如 GBR</translation>
    </message>
    <message>
        <source>A fingerprint is asked for when you save.</source>
        <translation>保存时将采集指纹。</translation>
    </message>
    <message>
        <source>A fingerprint is required (asked when you save).</source>
        <translation>须采集指纹（保存时采集）。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Capture a fingerprint now (F4)</source>
        <translation>现在采集指纹（F4）</translation>
    </message>
    <message>
        <source>Close without saving (Esc)</source>
        <translation>不保存并关闭（Esc）</translation>
    </message>
    <message>
        <source>Discard the registration?</source>
        <translation>放弃本次登记？</translation>
    </message>
    <message>
        <source>Document</source>
        <extracomment>The banners&apos; looks (a sheet each; none for the whole form, see `_look_read_only`).</extracomment>
        <translation>证件信息</translation>
    </message>
    <message>
        <source>Fingerprint taken: %1, quality %2/100</source>
        <translation>已采集指纹：%1，质量 %2/100</translation>
    </message>
    <message>
        <source>Issuing state</source>
        <translation>签发国</translation>
    </message>
    <message>
        <source>Long-term</source>
        <translation>长期</translation>
    </message>
    <message>
        <source>New registration (manual entry)</source>
        <translation>新登记（手工录入）</translation>
    </message>
    <message>
        <source>New registration from the HK/Macau/Taiwan residence permit</source>
        <translation>新登记（港澳台居民居住证）</translation>
    </message>
    <message>
        <source>New registration from the card</source>
        <translation>新登记（读卡）</translation>
    </message>
    <message>
        <source>New registration from the foreigner permanent residence card</source>
        <translation>新登记（外国人永久居留身份证）</translation>
    </message>
    <message>
        <source>New registration from the resident ID card</source>
        <translation>新登记（居民身份证）</translation>
    </message>
    <message>
        <source>New registration of a foreign national (passport)</source>
        <translation>境外人员新登记（护照）</translation>
    </message>
    <message>
        <source>No fingerprint: %1</source>
        <translation>未采集指纹：%1</translation>
    </message>
    <message>
        <source>Not saved:</source>
        <translation>未保存：</translation>
    </message>
    <message>
        <source>Open the resident already registered with this number (Alt+O)</source>
        <translation>打开已用此号码登记的人员（Alt+O）</translation>
    </message>
    <message>
        <source>Residence</source>
        <translation>居住信息</translation>
    </message>
    <message>
        <source>Save the registration (Ctrl+S; Enter on the last field)</source>
        <translation>保存登记（Ctrl+S；在最后一栏按回车）</translation>
    </message>
    <message>
        <source>Saving the registration…</source>
        <translation>正在保存登记……</translation>
    </message>
    <message>
        <source>Stay of a foreign national</source>
        <translation>境外人员停留信息</translation>
    </message>
    <message>
        <source>Taken from the ID number</source>
        <translation>由身份号码得出</translation>
    </message>
    <message>
        <source>The card holds no photo that could be shown.</source>
        <translation>证件中没有可显示的照片。</translation>
    </message>
    <message>
        <source>The card photo cannot be shown on this workstation (no photo decoder installed).</source>
        <translation>本工作站无法显示证件照片（未安装照片解码组件）。</translation>
    </message>
    <message>
        <source>The visa or permit in the passport; type its letter (L, M, Z, Q1, …) to choose</source>
        <translation>护照中的签证或居留许可；输入其字母（L、M、Z、Q1 等）即可选择</translation>
    </message>
    <message>
        <source>This number is already registered: %1 (born %2). Open that record instead of a second one.</source>
        <translation>该号码已登记：%1（出生于 %2）。请打开该记录，不要重复登记。</translation>
    </message>
    <message>
        <source>Type part of the address to search</source>
        <translation>输入部分地址进行搜索</translation>
    </message>
    <message>
        <source>Type part of the address; choose with ↓ and Enter</source>
        <translation>输入部分地址，用 ↓ 和回车选择</translation>
    </message>
    <message>
        <source>What you typed in this registration will be lost.</source>
        <translation>本次登记中已填写的内容将会丢失。</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>年-月-日，如 2024-03-01</translation>
    </message>
    <message>
        <source>a number, e.g. 0 or 1</source>
        <translation>请填写数字，如 0 或 1</translation>
    </message>
    <message>
        <source>choose</source>
        <translation>请选择</translation>
    </message>
    <message>
        <source>choose a property from the list (type part of its address)</source>
        <translation>请从列表中选择出租屋（输入部分地址）</translation>
    </message>
    <message>
        <source>choose the property first</source>
        <translation>请先选择出租屋</translation>
    </message>
    <message>
        <source>choose the room</source>
        <translation>请选择房间</translation>
    </message>
    <message>
        <source>choose: type the letter, e.g. L or Q2</source>
        <translation>请选择：输入字母，如 L 或 Q2</translation>
    </message>
    <message>
        <source>loading rooms…</source>
        <translation>正在加载房间……</translation>
    </message>
    <message>
        <source>no property matches</source>
        <translation>没有匹配的出租屋</translation>
    </message>
    <message>
        <source>not a date: write it as 2024-03-01</source>
        <translation>不是有效日期，请按 2024-03-01 的格式填写</translation>
    </message>
    <message>
        <source>searching…</source>
        <translation>正在搜索……</translation>
    </message>
    <message>
        <source>this property has no rooms</source>
        <translation>该出租屋没有房间</translation>
    </message>
    <message>
        <source>⚠ The document did not read cleanly (%1). Check the fields against the document.</source>
        <translation>⚠ 证件读取不完整（%1），请对照证件核对各项信息。</translation>
    </message>
    <message>
        <source>⚠ This document expired on %1. Register only if the law allows it; ask for a valid document.</source>
        <translation>⚠ 该证件已于 %1 过期。请仅在法规允许时登记，并请对方出示有效证件。</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <source>Give {user} a temporary password. They must choose their own at the next login; their open session ends now. Resetting also lifts a lockout.</source>
        <translation>为 {user} 设置临时密码。其下次登录时必须设置自己的密码；其当前会话立即结束。重置密码也会解除锁定。</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>Password of {user} reset; they must change it at the next login.</source>
        <translation>{user} 的密码已重置；其下次登录时必须修改密码。</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>Temporary password (at least {n} characters)</source>
        <translation>临时密码（至少 {n} 个字符）</translation>
    </message>
    <message>
        <source>the two passwords differ</source>
        <translation>两次输入的密码不一致</translation>
    </message>
</context>
<context>
    <name>ResidentDetailDialog</name>
    <message>
        <source>&amp;Documents</source>
        <translation>证件(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Housing history</source>
        <translation>居住记录(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Person</source>
        <translation>基本信息(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>重新载入(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>(confirmed by supervisor %1)</source>
        <translation>（所领导 %1 确认）</translation>
    </message>
    <message>
        <source>(expired)</source>
        <translation>（已过期）</translation>
    </message>
    <message>
        <source>(none recorded)</source>
        <translation>（未登记）</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Capture a fingerprint…</source>
        <translation>采集指纹……</translation>
    </message>
    <message>
        <source>Captured</source>
        <translation>采集时间</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Close the record (Esc)</source>
        <translation>关闭记录（Esc）</translation>
    </message>
    <message>
        <source>Delete this resident; you are asked for the reason</source>
        <translation>删除该人员，需填写原因</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除……</translation>
    </message>
    <message>
        <source>Fin&amp;gerprints</source>
        <translation>指纹(&amp;G)</translation>
    </message>
    <message>
        <source>Finger</source>
        <translation>手指</translation>
    </message>
    <message>
        <source>Fingerprint skipped: %1, by %2, %3</source>
        <translation>跳过指纹采集：%1；操作人 %2，%3</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>签发机关</translation>
    </message>
    <message>
        <source>Name, sex and date of birth were read from the document&apos;s chip or machine-readable zone and cannot be edited here.</source>
        <translation>姓名、性别和出生日期由读卡器从证件芯片或机读区读取，不能在此修改。</translation>
    </message>
    <message>
        <source>None enrolled</source>
        <translation>未采集指纹</translation>
    </message>
    <message>
        <source>Not saved:</source>
        <translation>未保存：</translation>
    </message>
    <message>
        <source>Not saved: someone changed this record after you opened it. Press Reload (F5) to see the current record, then make your change again.</source>
        <translation>未保存：在您打开后，该记录已被他人修改。请按“重新载入”（F5）查看最新记录，然后重新修改。</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>号码</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>质量</translation>
    </message>
    <message>
        <source>Read from</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Read from the document by the reader; not edited by hand</source>
        <translation>由读卡器从证件读取，不可手工修改</translation>
    </message>
    <message>
        <source>Read the record again from the store (F5)</source>
        <translation>重新读取该记录（F5）</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>关系</translation>
    </message>
    <message>
        <source>Resident</source>
        <translation>人员信息</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>房间</translation>
    </message>
    <message>
        <source>Save the changes (Ctrl+S)</source>
        <translation>保存修改（Ctrl+S）</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>止</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>有效期起</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>current</source>
        <translation>至今</translation>
    </message>
    <message>
        <source>long-term</source>
        <translation>长期</translation>
    </message>
    <message>
        <source>not a date: write it as 2024-03-01</source>
        <translation>不是有效日期，请按 2024-03-01 的格式填写</translation>
    </message>
</context>
<context>
    <name>ResidentsModel</name>
    <message>
        <source>(deleted)</source>
        <translation>（已删除）</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Current address</source>
        <translation>现住址</translation>
    </message>
    <message>
        <source>Document number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
</context>
<context>
    <name>ResidentsPage</name>
    <message numerus="yes">
        <source>%n resident(s)</source>
        <translation>
            <numerusform>共 %n 人</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n resident(s) shown; scroll for more</source>
        <translation>
            <numerusform>已显示 %n 人，向下滚动查看更多</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Grid:</source>
        <translation>网格(&amp;G)：</translation>
    </message>
    <message>
        <source>&amp;Property:</source>
        <translation>出租屋(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>搜索(&amp;S)：</translation>
    </message>
    <message>
        <source>Name, pinyin, ID number, phone or address</source>
        <translation>姓名、拼音、证件号码、电话或地址</translation>
    </message>
    <message>
        <source>New registration</source>
        <translation>新登记</translation>
    </message>
    <message>
        <source>No resident found.</source>
        <translation>未找到人员。</translation>
    </message>
    <message>
        <source>Register a resident by typing the document (F2)</source>
        <translation>手工录入证件进行登记（F2）</translation>
    </message>
    <message>
        <source>Registered on %1 ✕</source>
        <translation>登记日期 %1 ✕</translation>
    </message>
    <message>
        <source>Residents</source>
        <translation>实有人口</translation>
    </message>
    <message>
        <source>Show residents registered on any day</source>
        <translation>显示所有日期登记的人员</translation>
    </message>
    <message>
        <source>Type to search; Enter or ↓ goes to the list</source>
        <translation>输入即搜索；回车或 ↓ 进入列表</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>all properties</source>
        <translation>全部出租屋</translation>
    </message>
</context>
<context>
    <name>RoomDialog</name>
    <message>
        <source>&amp;Capacity (people):</source>
        <translation>可住人数(&amp;C)：</translation>
    </message>
    <message>
        <source>Add a room</source>
        <translation>添加房间</translation>
    </message>
    <message>
        <source>Rename room</source>
        <translation>重命名房间</translation>
    </message>
    <message>
        <source>Room &amp;label:</source>
        <translation>房间号(&amp;L)：</translation>
    </message>
    <message>
        <source>a whole number of people, or empty</source>
        <translation>请填写整数人数，或留空</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>未设定</translation>
    </message>
</context>
<context>
    <name>ScannerSettingsBox</name>
    <message>
        <source>A wrong baud makes the scanner seem to disappear until it is found at its new rate.</source>
        <translation>波特率设置错误时指纹仪会“消失”，直到按新速率重新找到。</translation>
    </message>
    <message>
        <source>Baud rate</source>
        <translation>波特率</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Current settings: not read yet.</source>
        <translation>当前设置：尚未读取。</translation>
    </message>
    <message>
        <source>Current settings: {baud} · packet {packet} · security {security}</source>
        <translation>当前设置：{baud} · 数据包 {packet} · 安全等级 {security}</translation>
    </message>
    <message>
        <source>Data packet size</source>
        <translation>数据包大小</translation>
    </message>
    <message>
        <source>Fingerprint scanner settings</source>
        <translation>指纹仪设置</translation>
    </message>
    <message>
        <source>Fingerprint scanner settings (administrator)</source>
        <translation>指纹仪设置（管理员）</translation>
    </message>
    <message>
        <source>New value:</source>
        <translation>新值：</translation>
    </message>
    <message>
        <source>Not changed.</source>
        <translation>未更改。</translation>
    </message>
    <message>
        <source>Read settings</source>
        <translation>读取设置</translation>
    </message>
    <message>
        <source>Security level</source>
        <translation>安全等级</translation>
    </message>
    <message>
        <source>Setting:</source>
        <translation>设置项：</translation>
    </message>
    <message>
        <source>The scanner still answers at {rate} baud until it is powered off and on.</source>
        <translation>在断电重启之前，指纹仪仍以 {rate} 波特应答。</translation>
    </message>
    <message>
        <source>These settings are kept in the scanner&apos;s own memory. A wrong baud makes the scanner seem to disappear until it is found at its new rate. Every change is recorded in the audit trail.</source>
        <translation>这些设置保存在指纹仪自身的存储中。波特率设置错误时指纹仪会“消失”，直到按新速率重新找到。每次更改都记入审计日志。</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>写入</translation>
    </message>
    <message>
        <source>Write to the fingerprint scanner on {port}?</source>
        <translation>写入 {port} 上的指纹仪？</translation>
    </message>
    <message>
        <source>Write to the scanner…</source>
        <translation>写入指纹仪……</translation>
    </message>
    <message>
        <source>Writing to the fingerprint scanner…</source>
        <translation>正在写入指纹仪……</translation>
    </message>
    <message>
        <source>Writing to the scanner…</source>
        <translation>正在写入指纹仪……</translation>
    </message>
    <message>
        <source>Written. {setting} was {old}, is now {new}.</source>
        <translation>已写入。{setting}原为{old}，现为{new}。</translation>
    </message>
    <message>
        <source>level {n}</source>
        <translation>{n} 级</translation>
    </message>
    <message>
        <source>{n} bytes</source>
        <translation>{n} 字节</translation>
    </message>
    <message>
        <source>{rate} baud</source>
        <translation>{rate} 波特</translation>
    </message>
    <message>
        <source>{setting}: now {now}, new {new}.</source>
        <translation>{setting}：当前{now}，新值{new}。</translation>
    </message>
</context>
<context>
    <name>SettingsTab</name>
    <message>
        <source>Asked for, may be skipped with a reason</source>
        <translation>提示采集，说明原因后可跳过</translation>
    </message>
    <message>
        <source>Days a landlord has to declare a new tenant (1–30)</source>
        <translation>业主申报新租户的时限（天，1–30）</translation>
    </message>
    <message>
        <source>Fingerprint at registration</source>
        <translation>登记时采集指纹</translation>
    </message>
    <message>
        <source>Fingerprint images</source>
        <translation>指纹图像</translation>
    </message>
    <message>
        <source>ID card photo at registration</source>
        <translation>登记时显示身份证照片</translation>
    </message>
    <message>
        <source>Keep acknowledged data for (days, 30–3650)</source>
        <translation>已确认数据保存天数（30–3650）</translation>
    </message>
    <message>
        <source>Keep the image too (more personal data)</source>
        <translation>同时保存图像（个人数据更多）</translation>
    </message>
    <message>
        <source>Keeping data</source>
        <translation>数据保存</translation>
    </message>
    <message>
        <source>Language for operators who chose none</source>
        <translation>未自选语言的操作员使用的语言</translation>
    </message>
    <message>
        <source>Lock the desk after idle minutes (1–120)</source>
        <translation>空闲多少分钟后锁定（1–120）</translation>
    </message>
    <message>
        <source>Logging in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Minutes an account stays locked (1–1440)</source>
        <translation>账号锁定时长，分钟（1–1440）</translation>
    </message>
    <message>
        <source>No photo decoder is installed on this desk: registration here cannot show the ID card photo, whatever is chosen.</source>
        <translation>本工作站未安装照片解码组件：无论此处如何选择，登记时都无法显示身份证照片。</translation>
    </message>
    <message>
        <source>Not shown</source>
        <translation>不显示</translation>
    </message>
    <message>
        <source>Not taken</source>
        <translation>不采集</translation>
    </message>
    <message>
        <source>Nothing to save: every setting already had this value.</source>
        <translation>无需保存：各项设置已是这些值。</translation>
    </message>
    <message>
        <source>Registration</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Rental housing</source>
        <translation>出租屋</translation>
    </message>
    <message>
        <source>Required (skipping needs a supervisor&apos;s confirmation)</source>
        <translation>必须采集（跳过须经所领导确认）</translation>
    </message>
    <message>
        <source>Rules for the whole station. Each change is recorded in the audit trail. The platform may set some of them too; the latest change counts.</source>
        <translation>适用于整个警务室的规则。每次更改都记入审计日志。其中部分设置也可能由平台下发，以最近一次更改为准。</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>保存设置</translation>
    </message>
    <message numerus="yes">
        <source>Settings saved (%n changed).</source>
        <translation>
            <numerusform>设置已保存（更改 %n 项）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Shown</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>The computer&apos;s language</source>
        <translation>跟随本机语言</translation>
    </message>
    <message>
        <source>The desk</source>
        <translation>工作站</translation>
    </message>
    <message numerus="yes">
        <source>The desk now locks after %n idle minute(s).</source>
        <translation>
            <numerusform>现在工作站空闲 %n 分钟后锁定。</numerusform>
        </translation>
    </message>
    <message>
        <source>The language applies from the next login of operators who chose none.</source>
        <translation>语言设置从未自选语言的操作员下次登录时生效。</translation>
    </message>
    <message>
        <source>Undo changes</source>
        <translation>撤销更改</translation>
    </message>
    <message>
        <source>Wrong passwords in a row before an account locks (3–20)</source>
        <translation>连续输错几次密码后锁定账号（3–20）</translation>
    </message>
</context>
<context>
    <name>SettlePreRegistrationDialog</name>
    <message>
        <source>&amp;Confirm</source>
        <translation>确认(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Reject</source>
        <translation>退回(&amp;R)</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>（无姓名）</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <source>After confirming, the person&apos;s record opens (or a new registration from the card, when the person is not registered yet).</source>
        <translation>确认后将打开此人的档案（如尚未登记，则按身份证打开新的登记）。</translation>
    </message>
    <message>
        <source>Already registered: %1 (%2)</source>
        <translation>已登记：%1（%2）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Card on the reader: %1, %2 — %3</source>
        <translation>读卡器上的证件：%1，%2 — %3</translation>
    </message>
    <message>
        <source>Confirm marks the pre-registration as checked (the platform hears of it with the next sync). The differing %1 are NOT copied to the record: if they are right, update the resident&apos;s record in Residents.</source>
        <translation>确认只表示此网上备案已核对（下次同步时通知平台）。不一致的%1不会写入该居民的档案：如果网上备案的信息正确，请在“实有人口”中修改其档案。</translation>
    </message>
    <message>
        <source>Confirm marks the pre-registration as checked (the platform hears of it with the next sync); the record already agrees with it.</source>
        <translation>确认只表示此网上备案已核对（下次同步时通知平台）；档案与其一致。</translation>
    </message>
    <message>
        <source>Confirm only marks the pre-registration as checked (the platform hears of it with the next sync); it changes no resident&apos;s record.</source>
        <translation>确认只表示此网上备案已核对（下次同步时通知平台），不会修改任何居民档案。</translation>
    </message>
    <message>
        <source>Confirm the pre-registration</source>
        <translation>确认网上备案</translation>
    </message>
    <message>
        <source>Confirm the pre-registration of %1</source>
        <translation>确认%1的网上备案</translation>
    </message>
    <message>
        <source>ID number:</source>
        <translation>身份证号：</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>No card was read: check the person&apos;s document by eye before confirming.</source>
        <translation>未读取证件：确认前请人工核对本人证件。</translation>
    </message>
    <message>
        <source>No registered resident holds this ID number. Confirm only marks the pre-registration as checked: register the person in Residents (read their card) to create the record.</source>
        <translation>没有已登记的居民持有此证件号码。确认只表示此网上备案已核对：请在“实有人口”中登记此人（读取其证件）以建立档案。</translation>
    </message>
    <message>
        <source>On the record</source>
        <translation>档案中</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>电话：</translation>
    </message>
    <message>
        <source>Reject the pre-registration</source>
        <translation>退回网上备案</translation>
    </message>
    <message>
        <source>Reject the pre-registration of %1</source>
        <translation>退回%1的网上备案</translation>
    </message>
    <message>
        <source>Submitted online</source>
        <translation>网上提交</translation>
    </message>
    <message>
        <source>Submitted:</source>
        <translation>提交时间：</translation>
    </message>
    <message>
        <source>address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>e.g. the person does not live at the address</source>
        <translation>例如：经核实此人不在该地址居住</translation>
    </message>
    <message>
        <source>name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>未填写</translation>
    </message>
    <message>
        <source>only the name is the same: the pre-registration holds no ID number; check it</source>
        <translation>仅姓名相同：备案中没有身份证号，请核对</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>选填</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>the ID number is the same</source>
        <translation>身份证号一致</translation>
    </message>
    <message>
        <source>the visible digits of the ID number and the name are the same</source>
        <translation>身份证号可见部分与姓名一致</translation>
    </message>
</context>
<context>
    <name>SheetPreview</name>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为 PDF……</translation>
    </message>
    <message>
        <source>Save the visit sheet</source>
        <translation>保存走访登记表</translation>
    </message>
</context>
<context>
    <name>SkipDialog</name>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>; confirmed by %1</source>
        <translation>；%1 确认</translation>
    </message>
    <message>
        <source>Details (optional)</source>
        <translation>补充说明（可选）</translation>
    </message>
    <message>
        <source>Register without a fingerprint</source>
        <translation>不采集指纹，继续登记</translation>
    </message>
    <message>
        <source>Say what the reason is (required)</source>
        <translation>请写明原因（必填）</translation>
    </message>
    <message>
        <source>Skip the fingerprint</source>
        <translation>跳过指纹采集</translation>
    </message>
    <message>
        <source>Supervisor&apos;s &amp;name:</source>
        <translation>所领导用户名(&amp;N)：</translation>
    </message>
    <message>
        <source>Supervisor&apos;s confirmation</source>
        <translation>所领导确认</translation>
    </message>
    <message>
        <source>This station requires a fingerprint. A supervisor confirms registering without one with their own name and password (they are not logged in).</source>
        <translation>本警务室要求采集指纹。不采集指纹登记，须由所领导输入本人用户名和密码确认（不会登录）。</translation>
    </message>
    <message>
        <source>Why is no fingerprint taken?</source>
        <translation>为什么不采集指纹？</translation>
    </message>
</context>
<context>
    <name>SpotCheckDialog</name>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>&amp;Save the findings</source>
        <translation>保存核查结果(&amp;S)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Consistency rate</source>
        <translation>一致率</translation>
    </message>
    <message>
        <source>Every line not marked yet becomes consistent</source>
        <translation>尚未标记的各行均记为一致</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在读取……</translation>
    </message>
    <message>
        <source>Mark at least one line with what the visit found.</source>
        <translation>请至少为一行标记走访核查结果。</translation>
    </message>
    <message>
        <source>Mark the rest &amp;consistent</source>
        <translation>其余记为一致(&amp;C)</translation>
    </message>
    <message>
        <source>Mark what the visit found for each person (double-click the Finding cell). Say what did not match in the notes.</source>
        <translation>为每个人标记走访核查结果（双击“核查结果”单元格）。不一致之处请在备注中说明。</translation>
    </message>
    <message>
        <source>Nothing new to save: the marked lines are saved. Mark another line, or close.</source>
        <translation>没有新的结果可保存：已标记的行均已保存。请再标记其他行，或关闭。</translation>
    </message>
    <message>
        <source>Only an officer records spot checks. You can read the rooms and the people bound to them here; an officer verifies them on a visit.</source>
        <translation>只有民警可以记录抽查核查。您可以在此查看各房间及其绑定人员；由民警走访时核查。</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n finding(s) at %1: they stay below, marked saved.</source>
        <translation>
            <numerusform>已于 %1 保存 %n 条核查结果，下方标为“已保存”。</numerusform>
        </translation>
    </message>
    <message>
        <source>Spot check</source>
        <translation>抽查核查</translation>
    </message>
    <message>
        <source>This property has no rooms yet.</source>
        <translation>此出租屋尚未登记房间。</translation>
    </message>
    <message>
        <source>grid %1: %2</source>
        <translation>网格 %1：%2</translation>
    </message>
    <message>
        <source>room %1</source>
        <translation>房间 %1</translation>
    </message>
    <message>
        <source>this property %1</source>
        <translation>本出租屋 %1</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Police-room workstation</source>
        <translation>社区警务室工作站</translation>
    </message>
    <message>
        <source>The demo&apos;s central platform did not start; sync is not available in this demo session.</source>
        <translation>演示用的中心平台未能启动；本次演示无法同步。</translation>
    </message>
    <message>
        <source>There is no station in {folder} yet. An administrator sets one up with the command &quot;workstation-admin init&quot;; to try the workstation, start it with &quot;--demo&quot;.</source>
        <translation>{folder} 中还没有工作站。请管理员用命令“workstation-admin init”创建；如只想试用，请加“--demo”启动。</translation>
    </message>
</context>
<context>
    <name>SyncErrors</name>
    <message>
        <source>The central platform could not be reached (no network, or the platform is down).</source>
        <translation>无法连接中心平台（网络不通，或平台停机）。</translation>
    </message>
    <message>
        <source>The central platform did not answer in time.</source>
        <translation>中心平台未能及时响应。</translation>
    </message>
    <message>
        <source>The connection dropped during the transfer.</source>
        <translation>传输过程中连接中断。</translation>
    </message>
    <message>
        <source>The platform asked for earlier batches again; they are resent.</source>
        <translation>中心平台要求重发之前的批次，正在重发。</translation>
    </message>
    <message>
        <source>The platform&apos;s certificate is not the one this workstation trusts. Call the administrator.</source>
        <translation>中心平台的证书不是本工作站信任的证书，请联系管理员。</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message numerus="yes">
        <source>%n [batch|batches] acknowledged from the receipts in {folder}.</source>
        <translation>
            <numerusform>已根据 {folder} 中的回执确认 %n 个批次。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) reached the platform before the sync stopped.</source>
        <translation>
            <numerusform>同步中断前已有 %n 条变更上传到中心平台。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting for the central platform</source>
        <translation>
            <numerusform>%n 条变更等待上传到中心平台</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sealed [batch|batches] written to {folder}. Take them to the platform&apos;s office.</source>
        <translation>
            <numerusform>已将 %n 个已打包的批次写入 {folder}。请带到中心平台的办公室。</numerusform>
        </translation>
    </message>
    <message>
        <source>A sync is already running.</source>
        <translation>同步正在进行中。</translation>
    </message>
    <message>
        <source>Central platform: {url}</source>
        <translation>中心平台：{url}</translation>
    </message>
    <message>
        <source>Compare the two versions and decide…</source>
        <translation>对比两个版本并处理……</translation>
    </message>
    <message>
        <source>Conflict decided: {what}</source>
        <translation>冲突已处理：{what}</translation>
    </message>
    <message>
        <source>Every change has reached the central platform.</source>
        <translation>所有变更均已上传到中心平台。</translation>
    </message>
    <message>
        <source>Export sealed batches to a folder…</source>
        <translation>将已打包的批次导出到文件夹……</translation>
    </message>
    <message>
        <source>Folder holding the platform&apos;s receipts (e.g. the USB stick)</source>
        <translation>存放中心平台回执的文件夹（如U盘）</translation>
    </message>
    <message>
        <source>Folder to write the sealed batches to (e.g. the USB stick)</source>
        <translation>写入已打包批次的文件夹（如U盘）</translation>
    </message>
    <message>
        <source>Import receipts from a folder…</source>
        <translation>从文件夹导入回执……</translation>
    </message>
    <message>
        <source>Last receipt from the platform: {t}.</source>
        <translation>最近一次平台回执：{t}。</translation>
    </message>
    <message>
        <source>Later changes of these records held until you decide: {n} (a sync does not send them; the decision takes them with it).</source>
        <translation>这些记录之后的修改暂扣至您作出处理：{n} 条（同步不会发送它们；处理结果会一并带上）。</translation>
    </message>
    <message>
        <source>Next automatic try at {t} (in {m} min), or press Sync now.</source>
        <translation>将于 {t}（{m} 分钟后）自动重试，也可以点击“立即同步”。</translation>
    </message>
    <message>
        <source>No receipts (files ending in .receipt.json) in {folder}: nothing was acknowledged.</source>
        <translation>{folder} 中没有回执（以 .receipt.json 结尾的文件）：没有批次被确认。</translation>
    </message>
    <message numerus="yes">
        <source>Not applied by the platform, which holds another version of the record: %n change(s). Open each one below, compare the two versions and record which one stands.</source>
        <translation>
            <numerusform>有 %n 条修改未被中心平台采用：平台上已有该记录的另一个版本。请逐条打开下方的冲突，对比两个版本并记录以哪个为准。</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing is lost: what was not acknowledged is sent again, never twice.</source>
        <translation>数据不会丢失：未确认的变更会重新发送，且不会重复上传。</translation>
    </message>
    <message>
        <source>Nothing to export: no change is waiting for the platform.</source>
        <translation>无需导出：没有待上传的修改。</translation>
    </message>
    <message>
        <source>Of these, waiting for your decision on a sync conflict (below), not for a sync: {n}. They do not count toward the limits that block new registrations.</source>
        <translation>其中等待您处理同步冲突（见下方）、同步不会发送的：{n} 条。这些变更不计入冻结新登记的限额。</translation>
    </message>
    <message>
        <source>Offline transfer (no network)</source>
        <translation>离线传输（无网络时）</translation>
    </message>
    <message>
        <source>Reading the receipts…</source>
        <translation>正在读取回执……</translation>
    </message>
    <message>
        <source>Reading what is waiting…</source>
        <translation>正在读取待同步内容……</translation>
    </message>
    <message>
        <source>Send every waiting change to the central platform and fetch its updates (F5).</source>
        <translation>把所有待同步变更上传到中心平台，并获取平台下发的更新（F5）。</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Sync not finished: {reason}</source>
        <translation>同步未完成：{reason}</translation>
    </message>
    <message>
        <source>Sync now (F5)</source>
        <translation>立即同步 (F5)</translation>
    </message>
    <message>
        <source>Sync with the central platform</source>
        <translation>与中心平台同步</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>正在同步……</translation>
    </message>
    <message>
        <source>The last sync did not finish: {reason}</source>
        <translation>上次同步未完成：{reason}</translation>
    </message>
    <message>
        <source>The next automatic try is due now, or press Sync now.</source>
        <translation>即将自动重试，也可以点击“立即同步”。</translation>
    </message>
    <message>
        <source>The oldest waiting change was made {t}.</source>
        <translation>最早的待同步变更产生于 {t}。</translation>
    </message>
    <message>
        <source>The platform has revoked this workstation: it can no longer sync. Call the administrator.</source>
        <translation>中心平台已吊销本工作站，无法再同步，请联系管理员。</translation>
    </message>
    <message>
        <source>The transfer did not finish: {reason}</source>
        <translation>传输未完成：{reason}</translation>
    </message>
    <message>
        <source>This workstation is not enrolled with the central platform yet: nothing can be sent. Ask the administrator to enroll it.</source>
        <translation>本工作站尚未在中心平台注册，无法上传任何数据。请联系管理员注册。</translation>
    </message>
    <message>
        <source>Write the sealed batches to a folder on a USB stick and take it to the platform&apos;s office; they import it and write a receipt beside each batch. Bring the stick back and import the receipts here: the batches count as acknowledged, as after an online sync. The batches are encrypted for the platform: the stick carries nothing readable.</source>
        <translation>将已打包的批次写入U盘上的文件夹，带到中心平台的办公室；平台导入后会在每个批次旁写一份回执。把U盘带回并在此导入回执：这些批次即视为已确认，与联网同步相同。批次已按中心平台的密钥加密：U盘上没有可直接读取的内容。</translation>
    </message>
    <message>
        <source>Writing the sealed batches…</source>
        <translation>正在写入已打包的批次……</translation>
    </message>
    <message>
        <source>the folder could not be used ({error})</source>
        <translation>无法使用该文件夹（{error}）</translation>
    </message>
</context>
<context>
    <name>SyncResult</name>
    <message>
        <source>%n change(s) sent</source>
        <translation>已上传 %n 条变更</translation>
    </message>
    <message>
        <source>%n pre-registration(s)</source>
        <translation>%n 条网上备案</translation>
    </message>
    <message>
        <source>%n task(s)</source>
        <extracomment>How the app builds its sync client; tests point it at a fault proxy (see tests/ui/test_sync_page.py).</extracomment>
        <translation>%n 项任务</translation>
    </message>
    <message>
        <source>From the platform: {received}.</source>
        <translation>来自中心平台：{received}。</translation>
    </message>
    <message>
        <source>Sync done: {sent}, {received}.</source>
        <translation>同步完成：{sent}，{received}。</translation>
    </message>
    <message>
        <source>nothing new received</source>
        <translation>平台没有新下发的内容</translation>
    </message>
    <message>
        <source>{a} and {b}</source>
        <translation>{a}和 {b}</translation>
    </message>
    <message>
        <source>{items} received</source>
        <translation>收到 {items}</translation>
    </message>
</context>
<context>
    <name>SyncStateModel</name>
    <message>
        <source>Batches</source>
        <translation>批次数</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>变更数</translation>
    </message>
    <message>
        <source>Oldest waiting change</source>
        <translation>最早待同步变更</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>SyncStates</name>
    <message>
        <source>Acknowledged by the platform</source>
        <translation>平台已确认</translation>
    </message>
    <message>
        <source>Building (being gathered)</source>
        <translation>正在准备</translation>
    </message>
    <message>
        <source>Held by a conflict (sent with the decision)</source>
        <translation>因冲突暂扣（随处理结果发送）</translation>
    </message>
    <message>
        <source>Left behind by a re-enrollment (never acknowledged)</source>
        <translation>重新注册后弃用（从未被确认）</translation>
    </message>
    <message>
        <source>Not applied by the platform (waiting for your decision)</source>
        <translation>平台未采用（等待您处理）</translation>
    </message>
    <message>
        <source>Not in a batch yet</source>
        <extracomment>Words for the ledger states (and `UNBATCHED` and a change&apos;s conflict states): one table, shown by the desk&apos;s Sync page and by ``workstation sync --status`` (marked; render them in the operator&apos;s language).</extracomment>
        <translation>待上传</translation>
    </message>
    <message>
        <source>Sealed (signed, waiting to send)</source>
        <translation>已打包，待发送</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>正在发送</translation>
    </message>
    <message>
        <source>Superseded by a conflict decision (never applied by the platform)</source>
        <translation>已被冲突处理结果取代（平台从未采用）</translation>
    </message>
    <message>
        <source>active</source>
        <extracomment>Words for `SyncDevice.status` (this workstation&apos;s standing with the platform).</extracomment>
        <translation>正常</translation>
    </message>
    <message>
        <source>revoked by the platform</source>
        <translation>已被平台吊销</translation>
    </message>
</context>
<context>
    <name>TasksPage</name>
    <message>
        <source>%1 more match; they are marked in the list.</source>
        <translation>另有 %1 条匹配，已在列表中标出。</translation>
    </message>
    <message>
        <source>%1 overdue</source>
        <translation>%1 条逾期</translation>
    </message>
    <message numerus="yes">
        <source>%n task(s)</source>
        <translation>
            <numerusform>共 %n 条任务</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n task(s) shown; scroll for more</source>
        <translation>
            <numerusform>已显示 %n 条任务；向下滚动查看更多</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;All</source>
        <translation>全部(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Complete…</source>
        <translation>办结(&amp;C)……</translation>
    </message>
    <message>
        <source>&amp;Confirm…</source>
        <translation>确认(&amp;C)……</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>已办结(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>待办(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Pre-registrations</source>
        <translation>网上备案(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Pre-registrations (%1)</source>
        <translation>网上备案(&amp;P)（%1）</translation>
    </message>
    <message>
        <source>&amp;Reject…</source>
        <translation>退回(&amp;R)……</translation>
    </message>
    <message>
        <source>&amp;Tasks</source>
        <translation>任务单(&amp;T)</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Completed by %1</source>
        <translation>办结人：%1</translation>
    </message>
    <message>
        <source>Confirm a pre-registration</source>
        <translation>确认网上备案</translation>
    </message>
    <message>
        <source>Done: %1</source>
        <translation>已办结：%1</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>Due this &amp;week</source>
        <translation>本周到期(&amp;W)</translation>
    </message>
    <message numerus="yes">
        <source>Feedback rate: %1 (%2 of %n task(s) answered)</source>
        <translation>
            <numerusform>反馈率：%1（%n 条任务中已反馈 %2 条）</numerusform>
        </translation>
    </message>
    <message>
        <source>Feedback rate: — (no tasks received)</source>
        <translation>反馈率：—（尚未收到任务）</translation>
    </message>
    <message>
        <source>Feedback rate: …</source>
        <translation>反馈率：……</translation>
    </message>
    <message>
        <source>Give the task its result; it goes to the platform with the next sync</source>
        <translation>填写任务结果；下次同步时反馈给平台</translation>
    </message>
    <message>
        <source>ID &amp;number:</source>
        <translation>身份证号(&amp;N)：</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载……</translation>
    </message>
    <message>
        <source>Looking for a pre-registration…</source>
        <translation>正在查找网上备案……</translation>
    </message>
    <message>
        <source>Matches the pre-registration of %1 (%2).</source>
        <translation>与%1的网上备案匹配（%2）。</translation>
    </message>
    <message>
        <source>Moved out</source>
        <translation>已搬离</translation>
    </message>
    <message>
        <source>N&amp;ame:</source>
        <translation>姓名(&amp;A)：</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>No open task is due this week.</source>
        <translation>本周没有到期的待办任务。</translation>
    </message>
    <message>
        <source>No open task.</source>
        <translation>没有待办任务。</translation>
    </message>
    <message>
        <source>No pre-registration matches this card (%1). Register the person as usual, or lift the card and try another.</source>
        <translation>没有与此证件（%1）匹配的网上备案。请按常规登记此人，或取下证件换一张再试。</translation>
    </message>
    <message>
        <source>No pre-registration matches what you typed.</source>
        <translation>没有与所输入内容匹配的网上备案。</translation>
    </message>
    <message>
        <source>No task done yet.</source>
        <translation>还没有已办结的任务。</translation>
    </message>
    <message>
        <source>No task is overdue.</source>
        <translation>没有逾期任务。</translation>
    </message>
    <message>
        <source>No task received yet. Tasks arrive from the platform with a sync.</source>
        <translation>尚未收到任务。任务单在同步时由平台下发。</translation>
    </message>
    <message>
        <source>Not found at the address</source>
        <translation>该地址查无此人</translation>
    </message>
    <message>
        <source>Notes: %1</source>
        <translation>备注：%1</translation>
    </message>
    <message>
        <source>O&amp;verdue</source>
        <translation>已逾期(&amp;V)</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>待办</translation>
    </message>
    <message>
        <source>Open the &amp;subject</source>
        <translation>打开对象(&amp;S)</translation>
    </message>
    <message>
        <source>Open the Properties page to see this property: %1 (grid %2).</source>
        <translation>请打开“出租屋”页面查看该出租屋：%1（网格 %2）。</translation>
    </message>
    <message>
        <source>Open, due today</source>
        <translation>待办，今天到期</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Other (see notes)</source>
        <translation>其他（见备注）</translation>
    </message>
    <message>
        <source>Overdue, %n day(s)</source>
        <translation>已逾期 %n 天</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Pre-registration of %1 confirmed; the platform hears of it with the next sync.</source>
        <translation>%1的网上备案已确认；下次同步时告知平台。</translation>
    </message>
    <message>
        <source>Pre-registration of %1 rejected; the platform hears of it with the next sync.</source>
        <translation>%1的网上备案已退回；下次同步时告知平台。</translation>
    </message>
    <message>
        <source>Property</source>
        <translation>出租屋</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>接收时间</translation>
    </message>
    <message>
        <source>Registrations submitted online wait here. Place the person&apos;s ID card on the reader while this tab is shown, or type the ID number, to find theirs.</source>
        <translation>群众在网上提交的备案在此等候确认。在本页打开时把本人身份证放在读卡器上，或输入身份证号，即可找到其备案。</translation>
    </message>
    <message>
        <source>Resident</source>
        <translation>实有人口</translation>
    </message>
    <message>
        <source>Revisit a property</source>
        <translation>复查出租屋</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>任务单</translation>
    </message>
    <message>
        <source>Tasks with a result among all tasks received; the target is 100%.</source>
        <translation>已反馈结果的任务占收到任务的比例；目标为 100%。</translation>
    </message>
    <message>
        <source>The Properties page is not in this version of the workstation yet, so the property cannot be opened here. The task is about: %1 (grid %2).</source>
        <translation>本版本工作站还没有“出租屋”页面，无法在此打开该出租屋。任务涉及：%1（网格 %2）。</translation>
    </message>
    <message>
        <source>The resident&apos;s record or the property the task is about (double click)</source>
        <translation>任务涉及的人员档案或出租屋（双击）</translation>
    </message>
    <message>
        <source>Type the ID number (and the name) to find a pre-registration.</source>
        <translation>请输入身份证号（及姓名）查找网上备案。</translation>
    </message>
    <message>
        <source>Verified, as recorded</source>
        <translation>已核实，与登记一致</translation>
    </message>
    <message>
        <source>Verified, record corrected</source>
        <translation>已核实，已更正登记</translation>
    </message>
    <message>
        <source>Verify a person</source>
        <translation>核查人员</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>走访</translation>
    </message>
    <message>
        <source>if only part of the number was given</source>
        <translation>仅提交部分号码时填写</translation>
    </message>
    <message>
        <source>name only: the pre-registration holds no ID number; check it</source>
        <translation>仅姓名相同：备案中没有身份证号，请核对</translation>
    </message>
    <message>
        <source>no date</source>
        <translation>无截止日期</translation>
    </message>
    <message>
        <source>same ID number</source>
        <translation>身份证号一致</translation>
    </message>
    <message>
        <source>visible digits of the ID number and the name</source>
        <translation>身份证号可见部分与姓名一致</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n spot check(s) consistent</source>
        <translation>
            <numerusform>抽查 %n 次，一致 %1 次</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 today, %2 in %n day(s)</source>
        <translation>
            <numerusform>今日 %1 人，近 %n 天共 %2 人</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 waiting now, the oldest for %2</source>
        <translation>当前 %1 条待上传，最早的已等待 %2</translation>
    </message>
    <message>
        <source>(%1 for a conflict decision)</source>
        <translation>（其中 %1 条待处理冲突）</translation>
    </message>
    <message>
        <source>(%1 overdue)</source>
        <translation>（%1 项已逾期）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Alt+1…{last}&lt;/b&gt; pages</source>
        <translation>&lt;b&gt;Alt+1 至 Alt+{last}&lt;/b&gt; 切换页面</translation>
    </message>
    <message>
        <source>&lt;b&gt;Ctrl+F&lt;/b&gt; search residents</source>
        <translation>&lt;b&gt;Ctrl+F&lt;/b&gt; 查询实有人口</translation>
    </message>
    <message>
        <source>&lt;b&gt;Ctrl+L&lt;/b&gt; lock the desk</source>
        <translation>&lt;b&gt;Ctrl+L&lt;/b&gt; 锁定工作站</translation>
    </message>
    <message>
        <source>&lt;b&gt;F2&lt;/b&gt; new registration without a card</source>
        <translation>&lt;b&gt;F2&lt;/b&gt; 无证件手工登记</translation>
    </message>
    <message>
        <source>&lt;b&gt;F5&lt;/b&gt; sync now</source>
        <translation>&lt;b&gt;F5&lt;/b&gt; 立即同步</translation>
    </message>
    <message>
        <source>&lt;b&gt;Place an ID card on the reader&lt;/b&gt; at any time: a known person opens, an unknown one opens a new registration. &lt;b&gt;Swipe a passport&lt;/b&gt; for a foreign national.</source>
        <translation>&lt;b&gt;随时把身份证放到阅读器上&lt;/b&gt;：已登记的人员直接打开，未登记的人员打开新登记。境外人员请&lt;b&gt;刷护照&lt;/b&gt;。</translation>
    </message>
    <message>
        <source>Changes waiting for the platform</source>
        <translation>等待上传中心平台的变更</translation>
    </message>
    <message>
        <source>Click a bar or point to open the list behind it</source>
        <translation>点击柱条或数据点，打开对应的清单</translation>
    </message>
    <message>
        <source>Consistency rate per grid (spot checks)</source>
        <translation>各网格一致率（抽查）</translation>
    </message>
    <message>
        <source>Demo station: synthetic data. The demo desk on the right places cards and unplugs devices.</source>
        <translation>演示工作站：数据均为虚构。可用右侧的演示台放证件、拔插设备。</translation>
    </message>
    <message>
        <source>Devices not ready: %1 (%2)</source>
        <translation>设备未就绪：%1 台（%2）</translation>
    </message>
    <message>
        <source>Devices: all ready</source>
        <translation>设备：全部就绪</translation>
    </message>
    <message>
        <source>Feedback rate (tasks answered / received)</source>
        <translation>反馈率（已反馈任务单 / 收到任务单）</translation>
    </message>
    <message>
        <source>Figures not updated</source>
        <translation>数据未能更新</translation>
    </message>
    <message>
        <source>Loading the figures…</source>
        <translation>正在载入统计图……</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在载入……</translation>
    </message>
    <message>
        <source>No spot checks yet</source>
        <translation>尚无抽查记录</translation>
    </message>
    <message>
        <source>No tasks received yet</source>
        <translation>尚未收到任务单</translation>
    </message>
    <message>
        <source>No tasks yet</source>
        <translation>尚无任务单</translation>
    </message>
    <message>
        <source>Nothing waiting: everything has reached the platform</source>
        <translation>无待上传变更：全部已上传到中心平台</translation>
    </message>
    <message numerus="yes">
        <source>Now %1: %2 of %n task(s) answered</source>
        <translation>
            <numerusform>当前 %1：收到任务单 %n 项，已反馈 %2 项</numerusform>
        </translation>
    </message>
    <message>
        <source>Pre-registrations waiting: %1</source>
        <translation>待确认网上备案：%1 条</translation>
    </message>
    <message>
        <source>Registrations per day</source>
        <translation>每日登记人数</translation>
    </message>
    <message>
        <source>Tasks due: %1</source>
        <translation>到期任务单：%1 项</translation>
    </message>
    <message>
        <source>The station&apos;s figures (registrations, rates, what waits for the platform) are shown to the roles that work with residents and reports.</source>
        <translation>本站的统计数据（登记人数、各项比率、待上传变更）只向负责实有人口和报表的角色显示。</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>更新于 %1</translation>
    </message>
    <message>
        <source>Updating…</source>
        <translation>正在更新……</translation>
    </message>
    <message>
        <source>Welcome, {user} ({role})</source>
        <translation>欢迎，{user}（{role}）</translation>
    </message>
    <message>
        <source>Work of the day:</source>
        <translation>今日工作：</translation>
    </message>
    <message>
        <source>answered %</source>
        <translation>已反馈 %</translation>
    </message>
    <message>
        <source>changes</source>
        <translation>变更数</translation>
    </message>
    <message>
        <source>consistent %</source>
        <translation>一致 %</translation>
    </message>
    <message>
        <source>day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>residents</source>
        <translation>人数</translation>
    </message>
</context>
<context>
    <name>argparse</name>
    <message>
        <source> (default: %(default)s)</source>
        <translation>（默认：%(default)s）</translation>
    </message>
    <message>
        <source>%(heading)s:</source>
        <translation>%(heading)s：</translation>
    </message>
    <message>
        <source>%(prog)s: error: %(message)s
</source>
        <translation>%(prog)s：错误：%(message)s
</translation>
    </message>
    <message>
        <source>%(prog)s: warning: %(message)s
</source>
        <translation>%(prog)s：警告：%(message)s
</translation>
    </message>
    <message>
        <source>ambiguous option: %(option)s could match %(matches)s</source>
        <translation>选项不明确：%(option)s 可匹配 %(matches)s</translation>
    </message>
    <message>
        <source>argument %(argument_name)s: %(message)s</source>
        <translation>参数 %(argument_name)s：%(message)s</translation>
    </message>
    <message>
        <source>argument &apos;%(argument_name)s&apos; is deprecated</source>
        <translation>参数“%(argument_name)s”已弃用</translation>
    </message>
    <message>
        <source>can&apos;t open &apos;%(filename)s&apos;: %(error)s</source>
        <translation>无法打开“%(filename)s”：%(error)s</translation>
    </message>
    <message>
        <source>command &apos;%(parser_name)s&apos; is deprecated</source>
        <translation>命令“%(parser_name)s”已弃用</translation>
    </message>
    <message>
        <source>expected %s argument</source>
        <translation>需要 %s 个值</translation>
    </message>
    <message>
        <source>expected %s arguments</source>
        <translation>需要 %s 个值</translation>
    </message>
    <message>
        <source>expected at least one argument</source>
        <translation>至少需要一个值</translation>
    </message>
    <message>
        <source>expected at most one argument</source>
        <translation>最多只能有一个值</translation>
    </message>
    <message>
        <source>expected one argument</source>
        <translation>需要一个值</translation>
    </message>
    <message>
        <source>ignored explicit argument %r</source>
        <translation>忽略了多余的值 %r</translation>
    </message>
    <message>
        <source>invalid %(type)s value: %(value)r</source>
        <translation>无效的%(type)s：%(value)r</translation>
    </message>
    <message>
        <source>invalid choice: %(value)r (choose from %(choices)s)</source>
        <translation>无效的选择：%(value)r（可选：%(choices)s）</translation>
    </message>
    <message>
        <source>not allowed with argument %s</source>
        <translation>不能与参数 %s 同时使用</translation>
    </message>
    <message>
        <source>one of the arguments %s is required</source>
        <translation>参数 %s 中必须给出一个</translation>
    </message>
    <message>
        <source>option &apos;%(option)s&apos; is deprecated</source>
        <translation>选项“%(option)s”已弃用</translation>
    </message>
    <message>
        <source>options</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>positional arguments</source>
        <translation>位置参数</translation>
    </message>
    <message>
        <source>show program&apos;s version number and exit</source>
        <translation>显示程序版本并退出</translation>
    </message>
    <message>
        <source>show this help message and exit</source>
        <translation>显示此帮助信息并退出</translation>
    </message>
    <message>
        <source>subcommands</source>
        <translation>子命令</translation>
    </message>
    <message>
        <source>the following arguments are required: %s</source>
        <translation>缺少以下参数：%s</translation>
    </message>
    <message>
        <source>unexpected option string: %s</source>
        <translation>意外的选项：%s</translation>
    </message>
    <message>
        <source>unknown parser %(parser_name)r (choices: %(choices)s)</source>
        <translation>未知的命令 %(parser_name)r（可选：%(choices)s）</translation>
    </message>
    <message>
        <source>unrecognized arguments: %s</source>
        <translation>无法识别的参数：%s</translation>
    </message>
    <message>
        <source>usage: </source>
        <translation>用法：</translation>
    </message>
</context>
<context>
    <name>audit</name>
    <message>
        <source>empty audit trail</source>
        <translation>审计记录为空</translation>
    </message>
    <message>
        <source>its anchor file {name} is missing</source>
        <translation>其锚定文件 {name} 缺失</translation>
    </message>
    <message>
        <source>its anchor file {name} is unreadable</source>
        <translation>其锚定文件 {name} 无法读取</translation>
    </message>
    <message>
        <source>its anchor file {name} was altered or belongs to another station</source>
        <translation>其锚定文件 {name} 被修改或属于另一个警务室</translation>
    </message>
    <message>
        <source>row {seq} does not link to row {prev}</source>
        <translation>第 {seq} 条未链接到第 {prev} 条</translation>
    </message>
    <message>
        <source>row {seq} has a forged MAC</source>
        <translation>第 {seq} 条的消息认证码是伪造的</translation>
    </message>
    <message>
        <source>row {seq} is missing (next row is {next})</source>
        <translation>第 {seq} 条缺失（下一条是第 {next} 条）</translation>
    </message>
    <message>
        <source>row {seq} is not the row that was anchored: the trail was replaced</source>
        <translation>第 {seq} 条不是被锚定的那一条：审计记录被替换</translation>
    </message>
    <message>
        <source>row {seq} was altered</source>
        <translation>第 {seq} 条被修改</translation>
    </message>
    <message>
        <source>row {seq} was altered (hash mismatch)</source>
        <translation>第 {seq} 条被修改（哈希不符）</translation>
    </message>
    <message>
        <source>the audit head was altered</source>
        <translation>审计记录头被修改</translation>
    </message>
    <message>
        <source>the guard {name} that keeps the trail append-only was removed or changed</source>
        <translation>保证审计记录只能追加的保护 {name} 被删除或修改</translation>
    </message>
    <message>
        <source>the head names row {seq} but every row was deleted</source>
        <translation>记录头指向第 {seq} 条，但所有记录都已被删除</translation>
    </message>
    <message>
        <source>the head record (audit_head) was altered</source>
        <translation>记录头（“audit_head”）被修改</translation>
    </message>
    <message>
        <source>the head record (audit_head) was deleted</source>
        <translation>记录头（“audit_head”）被删除</translation>
    </message>
    <message>
        <source>the last row is {last} but the head names row {head}: rows were removed or added, or an older head was put back</source>
        <translation>最后一条是第 {last} 条，但记录头指向第 {head} 条：有记录被删除或添加，或放回了旧的记录头</translation>
    </message>
    <message>
        <source>the trail ends at row {head} but was anchored at row {seq}: rows were cut off its end, or an older copy of the database was put back</source>
        <translation>审计记录止于第 {head} 条，但锚定在第 {seq} 条：末尾的记录被截去，或放回了旧的数据库副本</translation>
    </message>
    <message>
        <source>the trail ends at row {last} but the head says {head}: rows were removed</source>
        <translation>审计记录止于第 {last} 条，但记录头为第 {head} 条：有记录被删除</translation>
    </message>
    <message>
        <source>{count} rows verified</source>
        <translation>已核验 {count} 条</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>(discovery not finished after {seconds} s; the states so far:)</source>
        <translation>（查找未在 {seconds} 秒内完成；以下为目前的状态：）</translation>
    </message>
    <message>
        <source>A wrong baud makes the module seem to disappear until it is found at its new rate.</source>
        <translation>波特率设置错误时指纹仪会“消失”，直到按新速率重新找到。</translation>
    </message>
    <message>
        <source>ACTION</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Assign a device role to a port. The device is checked first (MRZ readers, which send nothing until a passport is swiped, only by opening the port).</source>
        <translation>将某类设备指定到串口。保存前先检查设备（护照阅读器在刷护照前不发送任何数据，因此只检查能否打开串口）。</translation>
    </message>
    <message>
        <source>Audit trail:  BROKEN — {message}</source>
        <translation>审计记录：  已损坏 — {message}</translation>
    </message>
    <message>
        <source>Audit trail:  OK — {message}</source>
        <translation>审计记录：  正常 — {message}</translation>
    </message>
    <message>
        <source>BROKEN: {message}</source>
        <translation>已损坏：{message}</translation>
    </message>
    <message>
        <source>CODE</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>COMMAND</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Change one setting of the fingerprint module. The module keeps it in flash; a wrong baud makes it seem to disappear until it is found at the new rate. Changing the module&apos;s password or address is deliberately not offered: a lost password or address makes the module unusable, and the app always uses the factory ones.</source>
        <translation>更改指纹仪的一项设置。设置保存在指纹仪的 Flash 中；波特率设置错误时指纹仪会“消失”，直到按新速率重新找到。有意不提供更改指纹仪密码或地址的功能：密码或地址一旦丢失，指纹仪将无法使用，而本程序始终使用出厂设置。</translation>
    </message>
    <message>
        <source>Changing the fingerprint scanner&apos;s settings needs a confirmation: run this in a terminal, or add --yes in scripts. Nothing was changed.</source>
        <translation>更改指纹仪设置需要确认：请在终端中运行，脚本中请加 --yes。未作任何更改。</translation>
    </message>
    <message>
        <source>Current password for {user}</source>
        <translation>{user} 的当前密码</translation>
    </message>
    <message>
        <source>Current recovery passphrase</source>
        <translation>当前恢复口令</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>目录</translation>
    </message>
    <message>
        <source>Database:     {path} ({size})</source>
        <translation>数据库：     {path}（{size}）</translation>
    </message>
    <message>
        <source>Demo card could not be read: {reason}</source>
        <translation>无法读取演示证件：{reason}</translation>
    </message>
    <message>
        <source>Demo card on the emulated reader: {name} {number} ({kind})</source>
        <translation>模拟阅读器上的演示证件：{name} {number}（{kind}）</translation>
    </message>
    <message>
        <source>Demo logins: officer {officer}/{officer_password}, assistant {assistant}/{assistant_password}</source>
        <translation>演示账号：民警 {officer}/{officer_password}，协管员 {assistant}/{assistant_password}</translation>
    </message>
    <message>
        <source>Demo station (synthetic data only) {code} {name} created in {path}</source>
        <translation>演示警务室（仅含虚构数据）{code} {name} 已在 {path} 中创建</translation>
    </message>
    <message>
        <source>Encrypted backup written to {path} (with its key file; restore needs the recovery passphrase).</source>
        <translation>加密备份已写入 {path}（含密钥文件；恢复时需要恢复口令）。</translation>
    </message>
    <message>
        <source>Exit codes: 0 done; 1 refused or failed (the command was understood but could not be done, the message says why); 2 usage error (the command line is wrong); 70 internal error (a bug, please report it); 130 stopped by the operator (Ctrl-C, cancelled).</source>
        <translation>退出码：0 完成；1 被拒绝或失败（命令正确但无法执行，提示信息会说明原因）；2 用法错误（命令行有误）；70 内部错误（程序缺陷，请报告）；130 被操作员中止（Ctrl+C 或取消）。</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Fingerprint scanner on {port}</source>
        <translation>指纹仪（{port}）</translation>
    </message>
    <message>
        <source>Integrity:    {integrity}; page HMACs: ok</source>
        <translation>完整性：     {integrity}；页面 HMAC：正常</translation>
    </message>
    <message>
        <source>Integrity:    {integrity}; page HMACs: {count} errors</source>
        <translation>完整性：     {integrity}；页面 HMAC：{count} 处错误</translation>
    </message>
    <message>
        <source>Key backend:  {backend}</source>
        <translation>密钥存储：   {backend}</translation>
    </message>
    <message>
        <source>Key changed: the database, the audit MAC key and the fingerprint and device-key wrapping are under the
new master key. Only the new recovery passphrase opens the station now.</source>
        <translation>密钥已更换：数据库、审计 MAC 密钥以及指纹和设备密钥的封装
都已改用新的主密钥。现在只有新的恢复口令能打开本警务室的数据。</translation>
    </message>
    <message>
        <source>Key storage: OS keyring + recovery passphrase</source>
        <translation>密钥保管：系统密钥环 + 恢复口令</translation>
    </message>
    <message>
        <source>Key storage: recovery passphrase only (no OS keyring available)</source>
        <translation>密钥保管：仅恢复口令（没有可用的系统密钥环）</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>NEW RECOVERY PASSPHRASE — write it down now and keep it in the station safe:</source>
        <translation>新的恢复口令 — 请立即抄下，并存放在警务室的保险柜中：</translation>
    </message>
    <message>
        <source>New password for {user}</source>
        <translation>{user} 的新密码</translation>
    </message>
    <message>
        <source>No confirmation was typed: the key was not changed; the old passphrase still works.</source>
        <translation>未输入确认：密钥未更换，原恢复口令仍然有效。</translation>
    </message>
    <message>
        <source>No station at {data_dir}. Set one up with `workstation-admin init`, or try `workstation --demo`.</source>
        <translation>在 {data_dir} 没有工作站。请用“workstation-admin init”建立，或试用“workstation --demo”。</translation>
    </message>
    <message>
        <source>No {device} ({protocol}) answered on {port} at {baud} baud. Nothing was saved. Check the cable, power and baud (--baud), or add --no-check to save it anyway.</source>
        <translation>{port}（{baud} 波特）上没有{device}（{protocol}）应答，未保存。请检查连接线、电源和波特率（--baud），或加 --no-check 强制保存。</translation>
    </message>
    <message>
        <source>Not changed.</source>
        <translation>未更改。</translation>
    </message>
    <message>
        <source>Note: the explicit assignment of the fingerprint scanner is another port; it was left as is.</source>
        <translation>注意：指纹仪手动指定的是另一个串口，未作更改。</translation>
    </message>
    <message>
        <source>Note: {port} is not in the system&apos;s port list; the workstation app uses only listed ports.</source>
        <translation>注意：{port} 不在系统的串口列表中；工作站程序只使用系统列出的串口。</translation>
    </message>
    <message>
        <source>Nothing is remembered for the {device}; nothing changed.</source>
        <translation>没有记住的{device}，无需更改。</translation>
    </message>
    <message>
        <source>OK: {message}</source>
        <translation>正常：{message}</translation>
    </message>
    <message>
        <source>Operator {user} ({role}) created.</source>
        <translation>操作员 {user}（{role}）已创建。</translation>
    </message>
    <message>
        <source>Operator {user} disabled.</source>
        <translation>操作员 {user} 已停用。</translation>
    </message>
    <message>
        <source>Operator {user} enabled.</source>
        <translation>操作员 {user} 已启用。</translation>
    </message>
    <message>
        <source>Operator {user} is now {role}; their open sessions end.</source>
        <translation>操作员 {user} 的角色现为 {role}；其已登录的会话将结束。</translation>
    </message>
    <message>
        <source>Operator {user} unlocked.</source>
        <translation>操作员 {user} 已解锁。</translation>
    </message>
    <message>
        <source>Operator {user} was not locked.</source>
        <translation>操作员 {user} 未被锁定。</translation>
    </message>
    <message>
        <source>PATH</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>PORT</source>
        <translation>串口</translation>
    </message>
    <message>
        <source>PROTOCOL</source>
        <translation>协议</translation>
    </message>
    <message>
        <source>Password for the first admin &apos;{user}&apos;</source>
        <translation>首位管理员“{user}”的密码</translation>
    </message>
    <message>
        <source>Password for {user}</source>
        <translation>{user} 的密码</translation>
    </message>
    <message>
        <source>Password of {user} changed.</source>
        <translation>{user} 的密码已修改。</translation>
    </message>
    <message>
        <source>Password of {user} reset; they must change it at next login.</source>
        <translation>{user} 的密码已重置；下次登录时必须修改。</translation>
    </message>
    <message>
        <source>Police-room workstation</source>
        <translation>社区警务室工作站</translation>
    </message>
    <message>
        <source>Police-room workstation administration.</source>
        <translation>社区警务室工作站管理。</translation>
    </message>
    <message>
        <source>Port {port} cannot be opened ({error}). Is it in use by another program, or are you missing the rights (Linux: group `dialout`)? Nothing was saved.</source>
        <translation>无法打开串口 {port}（{error}）：是否被其他程序占用，或没有权限（Linux：“dialout”组）？未保存任何更改。</translation>
    </message>
    <message>
        <source>Probe (at most {seconds} s):</source>
        <translation>探测（最多 {seconds} 秒）：</translation>
    </message>
    <message>
        <source>Protocol &apos;{protocol}&apos; is not one of the {role} protocols ({names}).</source>
        <translation>协议“{protocol}”不适用于 {role}（可用：{names}）。</translation>
    </message>
    <message>
        <source>Purged (acknowledged and older than {cutoff}): {counts}</source>
        <translation>已清除（已确认且早于 {cutoff}）：{counts}</translation>
    </message>
    <message>
        <source>RECOVERY PASSPHRASE — write it down now and keep it in the station safe. It is shown only once;
without it and without this computer&apos;s keyring the data cannot be opened by anyone.</source>
        <translation>恢复口令 — 请立即抄下，并存放在警务室的保险柜中。它只显示这一次；
没有它、也没有本机的系统密钥环时，任何人都无法打开这些数据。</translation>
    </message>
    <message>
        <source>ROLE</source>
        <translation>设备类型</translation>
    </message>
    <message>
        <source>Recovery passphrase</source>
        <extracomment>What `secret`/`password_of` ask for (marked, so &quot;Recovery passphrase needed&quot; reads whole in Chinese).</extracomment>
        <translation>恢复口令</translation>
    </message>
    <message>
        <source>Recovery passphrase of the backup</source>
        <translation>备份的恢复口令</translation>
    </message>
    <message>
        <source>Remembered ({path}):</source>
        <translation>已记住（{path}）：</translation>
    </message>
    <message>
        <source>Remembered assignments ({path}):</source>
        <translation>已记住的设备（{path}）：</translation>
    </message>
    <message>
        <source>Remembered baud: {baud} ({path})</source>
        <translation>已记住的波特率：{baud}（{path}）</translation>
    </message>
    <message>
        <source>Residents: {people}   unsynced changes: {unsynced}   consistency rate {consistency}   feedback rate {feedback}</source>
        <translation>实有人口：{people}   未同步变更：{unsynced}   一致率 {consistency}   反馈率 {feedback}</translation>
    </message>
    <message>
        <source>Scanning (at most {seconds} s):</source>
        <translation>正在查找（最多 {seconds} 秒）：</translation>
    </message>
    <message>
        <source>Schema:       {revision}</source>
        <translation>数据结构：   {revision}</translation>
    </message>
    <message>
        <source>Secrets are asked for at the terminal; scripts may set WORKSTATION_PASSPHRASE (recovery passphrase), WORKSTATION_ADMIN_PASSWORD (the password of WORKSTATION_USER, default `admin`, and of no one else) and WORKSTATION_NEW_PASSWORD (a password being set).</source>
        <translation>口令和密码在终端中输入；脚本可设置 WORKSTATION_PASSPHRASE（恢复口令）、WORKSTATION_ADMIN_PASSWORD（仅为 WORKSTATION_USER 的密码，默认“admin”）和 WORKSTATION_NEW_PASSWORD（要设置的新密码）。</translation>
    </message>
    <message>
        <source>See and set up this desk&apos;s serial devices (ID card, fingerprint, passport).</source>
        <translation>查看并设置本工作站的串口设备（身份证、指纹、护照）。</translation>
    </message>
    <message>
        <source>Serial ports:</source>
        <translation>串口：</translation>
    </message>
    <message>
        <source>Station restored from {path}. It opens with the recovery passphrase of that backup.</source>
        <translation>已从 {path} 恢复警务室数据。请用该备份的恢复口令打开。</translation>
    </message>
    <message>
        <source>Station {code} {name} created in {path}</source>
        <translation>警务室 {code} {name} 已在 {path} 中创建</translation>
    </message>
    <message>
        <source>Station:      {code} {name}</source>
        <translation>警务室：     {code} {name}</translation>
    </message>
    <message>
        <source>Station:      {code} {name} (a demo station: synthetic data only)</source>
        <translation>警务室：     {code} {name}（演示警务室：仅含虚构数据）</translation>
    </message>
    <message>
        <source>Synthetic demo data added: {counts}</source>
        <translation>已添加虚构演示数据：{counts}</translation>
    </message>
    <message>
        <source>TEXT</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>The admin password needs at least {min_password} characters.</source>
        <translation>管理员密码至少需要 {min_password} 个字符。</translation>
    </message>
    <message>
        <source>The assignment could not be removed from {path}.</source>
        <translation>无法从 {path} 删除设备设置。</translation>
    </message>
    <message>
        <source>The assignment could not be saved to {path}.</source>
        <translation>无法将设备设置保存到 {path}。</translation>
    </message>
    <message>
        <source>The key is changed only after you type it back. Type the new passphrase:</source>
        <translation>只有在您重新输入后密钥才会更换。请输入新的恢复口令：</translation>
    </message>
    <message>
        <source>The module still answers at {rate} baud; it switches to {target} at its next power-up.</source>
        <translation>指纹仪目前仍以 {rate} 波特应答，下次上电后改为 {target} 波特。</translation>
    </message>
    <message>
        <source>The serial ports cannot be listed ({error}).</source>
        <translation>无法列出串口（{error}）。</translation>
    </message>
    <message>
        <source>The system refused: {reason}{where}. Nothing else was changed.</source>
        <translation>操作系统拒绝：{reason}{where}。其余内容未作改动。</translation>
    </message>
    <message>
        <source>The two entries differ.</source>
        <translation>两次输入不一致。</translation>
    </message>
    <message>
        <source>The {device} is assigned to {port} ({protocol}, {baud} baud); remembered in {path}.</source>
        <translation>{device}已指定到 {port}（{protocol}，{baud} 波特），已记住在 {path}。</translation>
    </message>
    <message>
        <source>The {device}&apos;s port ({port}) is forgotten; it will be searched for at the next start.</source>
        <translation>已忘记{device}的串口（{port}），下次启动时会重新查找。</translation>
    </message>
    <message>
        <source>There is no serial port {device}. `workstation-admin devices list` shows the ports of this computer.</source>
        <translation>没有串口 {device}。可用“workstation-admin devices list”查看本机串口。</translation>
    </message>
    <message>
        <source>USB serial {usb_id} (no profile: every protocol at its default baud)</source>
        <translation>USB 串口 {usb_id}（无适配器配置：各协议按默认波特率探测）</translation>
    </message>
    <message>
        <source>USER</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Unknown device role &apos;{role}&apos;. Use one of: {known}.</source>
        <translation>未知的设备类型“{role}”，可用：{known}。</translation>
    </message>
    <message>
        <source>Unlocked with {how}. Keyring backend: {backend}</source>
        <translation>已用{how}解锁。密钥环后端：{backend}</translation>
    </message>
    <message>
        <source>Unsynced:     {count} changes</source>
        <translation>未同步：     {count} 项更改</translation>
    </message>
    <message>
        <source>Unsynced:     {count} changes, oldest {oldest}</source>
        <translation>未同步：     {count} 项更改，最早 {oldest}</translation>
    </message>
    <message>
        <source>VALUE</source>
        <translation>值</translation>
    </message>
    <message>
        <source>WORKSTATION_ADMIN_PASSWORD is the password of &apos;{owner}&apos; (WORKSTATION_USER), not of &apos;{user}&apos;. Set WORKSTATION_USER={user} for a script that logs in as &apos;{user}&apos;, or run in a terminal.</source>
        <translation>WORKSTATION_ADMIN_PASSWORD 是 &apos;{owner}&apos;（WORKSTATION_USER）的密码，不是 &apos;{user}&apos; 的。以 &apos;{user}&apos; 登录的脚本请设置 WORKSTATION_USER={user}，或在终端中运行。</translation>
    </message>
    <message>
        <source>Without a keyring service (for example a Linux desktop without Secret Service / KWallet, a server or a remote session) the station&apos;s key cannot be kept by the system, and the recovery passphrase becomes the everyday key: every command and every start of the app asks for it (scripts: WORKSTATION_PASSPHRASE). Keep it like a password. Once a keyring is available, `workstation-admin unlock` stores the key there again and the passphrase goes back to the safe.</source>
        <translation>没有系统密钥环服务时（例如没有密钥服务的 Linux 桌面、服务器或远程会话），系统无法保管本站的密钥，恢复口令就成为日常使用的密钥：每个命令和每次启动程序都会要求输入（脚本：WORKSTATION_PASSPHRASE）。请像密码一样保管它。系统密钥环可用后，“workstation-admin unlock”会重新把密钥存入其中，恢复口令即可放回保险柜。</translation>
    </message>
    <message>
        <source>Would purge (acknowledged and older than {cutoff}): {counts}</source>
        <translation>将清除（已确认且早于 {cutoff}）：{counts}</translation>
    </message>
    <message>
        <source>Write this to the module&apos;s flash?</source>
        <translation>写入指纹仪？</translation>
    </message>
    <message>
        <source>`operator role` needs --role.</source>
        <translation>“operator role”需要 --role。</translation>
    </message>
    <message>
        <source>`operator {action}` needs the user name of the operator.</source>
        <translation>“operator {action}”需要操作员的用户名。</translation>
    </message>
    <message>
        <source>a demo station for training: accepts synthetic data (demo-data), never in service</source>
        <translation>用于培训的演示警务室：接受虚构数据（“demo-data”），不得用于实际工作</translation>
    </message>
    <message>
        <source>a new or empty folder for the backup</source>
        <translation>存放备份的新文件夹或空文件夹</translation>
    </message>
    <message>
        <source>active</source>
        <extracomment>`operators.OperatorAccount.state` in ``operator list``.</extracomment>
        <translation>在用</translation>
    </message>
    <message>
        <source>add N synthetic residents (clearly marked); only on a demo station (admin login)</source>
        <translation>添加 N 名虚构人员（有明确标记）；仅限演示警务室（需管理员登录）</translation>
    </message>
    <message>
        <source>admin operator (as before `devices`)</source>
        <translation>管理员（与“devices”前的相同）</translation>
    </message>
    <message>
        <source>also probe this port (e.g. a built-in /dev/ttyS0 or COM1); repeatable</source>
        <translation>同时探测此串口（例如内置的 /dev/ttyS0 或 COM1）；可多次给出</translation>
    </message>
    <message>
        <source>also run a short discovery and show each device&apos;s state (nothing is remembered)</source>
        <translation>同时进行一次简短查找并显示各设备状态（不记住任何结果）</translation>
    </message>
    <message>
        <source>assign a device to a port (needed for MRZ passport readers); admin login</source>
        <translation>将设备指定到串口（护照阅读器需要）；需管理员登录</translation>
    </message>
    <message>
        <source>baud rate</source>
        <translation>波特率</translation>
    </message>
    <message>
        <source>baud rate (default: the protocol&apos;s default)</source>
        <translation>波特率（默认：协议的默认值）</translation>
    </message>
    <message>
        <source>baud: N 1..12 (9600·N) or the rate; packet-size: 32/64/128/256; security: 1..5</source>
        <translation>“baud”：N 为 1..12（9600·N）或直接写速率；“packet-size”：32/64/128/256；“security”：1..5</translation>
    </message>
    <message>
        <source>built-in (probed only when named with --port or assigned)</source>
        <translation>内置串口（仅在用 --port 指定或已指定设备时探测）</translation>
    </message>
    <message>
        <source>change a fingerprint module setting stored in its flash (baud, packet size, security); admin login</source>
        <translation>更改保存在指纹仪 Flash 中的设置（波特率、数据包大小、安全等级）；需管理员登录</translation>
    </message>
    <message>
        <source>change your own password (the operator given by --user)</source>
        <translation>修改自己的密码（--user 指定的操作员）</translation>
    </message>
    <message>
        <source>check this installation without a display or a station (temporary encrypted database, device drivers, an emulated card read, the main window offscreen) and exit non-zero on any failure or warning</source>
        <translation>在没有显示器和警务室数据的情况下检查本次安装（临时加密数据库、设备驱动、模拟读卡、离屏主窗口），有任何失败或警告时以非零退出码退出</translation>
    </message>
    <message>
        <source>count</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>counts, size, key backend, integrity (login with a role that may read the audit trail)</source>
        <translation>数量、大小、密钥存储方式、完整性（需以可查阅审计记录的角色登录）</translation>
    </message>
    <message>
        <source>create station, database, keys and the first admin</source>
        <translation>创建警务室、数据库、密钥和第一个管理员</translation>
    </message>
    <message>
        <source>created now</source>
        <translation>刚刚建立</translation>
    </message>
    <message>
        <source>damaged (SQLite reports: {problem})</source>
        <translation>已损坏（数据库报告：{problem}）</translation>
    </message>
    <message>
        <source>device assignments file (default: the station&apos;s, in its data directory)</source>
        <translation>设备指定文件（默认：工作站数据目录中的文件）</translation>
    </message>
    <message>
        <source>device role: {roles}</source>
        <translation>设备类型：{roles}</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>display name</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <source>do not ask for confirmation (scripts)</source>
        <translation>不要求确认（用于脚本）</translation>
    </message>
    <message>
        <source>do not use the OS keyring: the recovery passphrase becomes the everyday key</source>
        <translation>不使用系统密钥环：恢复口令将成为日常使用的密钥</translation>
    </message>
    <message>
        <source>encrypted backup to a new or empty folder (admin login)</source>
        <translation>加密备份到新文件夹或空文件夹（需管理员登录）</translation>
    </message>
    <message>
        <source>end-of-shift sync with the central platform</source>
        <translation>下班前与中心平台同步</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>find the devices now and remember where they are (audited when a station exists)</source>
        <translation>立即查找设备并记住其位置（已有警务室数据时记入审计）</translation>
    </message>
    <message>
        <source>folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>forget a device&apos;s remembered port; admin login</source>
        <translation>忘记设备已记住的串口；需管理员登录</translation>
    </message>
    <message>
        <source>how many residents (1–1000000)</source>
        <translation>人员数量（1–1000000）</translation>
    </message>
    <message>
        <source>internal error (a bug, please report it): {kind}: {detail}</source>
        <translation>内部错误（程序缺陷，请报告）：{kind}：{detail}</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>key from the recovery passphrase</source>
        <translation>密钥来自恢复口令</translation>
    </message>
    <message>
        <source>key from the system keyring</source>
        <extracomment>how the station&apos;s key was obtained (`station.unlock`, `wiring.open_demo_station`)</extracomment>
        <translation>密钥来自系统密钥环</translation>
    </message>
    <message>
        <source>locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>manage operators (admin login)</source>
        <translation>管理操作员（需管理员登录）</translation>
    </message>
    <message>
        <source>named with --port (not listed by the system; used while it exists)</source>
        <translation>由 --port 指定（系统未列出；存在时使用）</translation>
    </message>
    <message>
        <source>no file {value}</source>
        <translation>没有文件 {value}</translation>
    </message>
    <message>
        <source>no folder {value}</source>
        <translation>没有文件夹 {value}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>not plugged in</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>ok</source>
        <extracomment>what ``PRAGMA integrity_check`` found</extracomment>
        <translation>正常</translation>
    </message>
    <message>
        <source>one of: {actions}</source>
        <translation>可选：{actions}</translation>
    </message>
    <message>
        <source>only count what would be purged</source>
        <translation>只统计将被清除的数据</translation>
    </message>
    <message>
        <source>operator to log in as (as before the command)</source>
        <translation>登录的操作员（与命令前的相同）</translation>
    </message>
    <message>
        <source>operator to log in as (default: WORKSTATION_USER or `admin`)</source>
        <translation>登录的操作员（默认：WORKSTATION_USER 或“admin”）</translation>
    </message>
    <message>
        <source>port path, COM name or pyserial URL</source>
        <translation>串口路径、COM 名称或“pyserial”地址</translation>
    </message>
    <message>
        <source>port {port} is outside 1–65535</source>
        <translation>端口 {port} 不在 1–65535 范围内</translation>
    </message>
    <message>
        <source>ports, matched adapter profiles and remembered assignments (no login)</source>
        <translation>串口、匹配的适配器配置和已记住的设备（无需登录）</translation>
    </message>
    <message>
        <source>present as {device}</source>
        <translation>当前为 {device}</translation>
    </message>
    <message>
        <source>print what the station holds and which devices answer (terminal)</source>
        <translation>显示警务室的数据概况和有应答的设备（终端）</translation>
    </message>
    <message>
        <source>protocol (default: the role&apos;s own)</source>
        <translation>协议（默认：该类设备自己的协议）</translation>
    </message>
    <message>
        <source>purge acknowledged data past retention (admin login)</source>
        <translation>清除已确认且超过保存期限的数据（需管理员登录）</translation>
    </message>
    <message>
        <source>re-encrypt the database under a new key (admin login)</source>
        <translation>用新密钥重新加密数据库（需管理员登录）</translation>
    </message>
    <message>
        <source>remembered by path (not listed by the system; used while it exists)</source>
        <translation>按路径记住（系统未列出；存在时使用）</translation>
    </message>
    <message>
        <source>replace an existing station in --data-dir</source>
        <translation>替换 --data-dir 中已有的警务室数据</translation>
    </message>
    <message>
        <source>replace the station by a backup folder (close the workstation app first)</source>
        <translation>用备份文件夹替换警务室数据（请先关闭工作站程序）</translation>
    </message>
    <message>
        <source>role for add (default officer) and role</source>
        <translation>“add”和“role”使用的角色（默认“officer”）</translation>
    </message>
    <message>
        <source>run on embedded defaults: demo station, emulated devices</source>
        <translation>使用内置默认设置运行：演示警务室、模拟设备</translation>
    </message>
    <message>
        <source>save without checking that the device answers</source>
        <translation>不检查设备是否应答直接保存</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>serial devices: list, scan, assign, forget, fingerprint module settings</source>
        <translation>串口设备：列出、查找、指定、忘记、指纹仪设置</translation>
    </message>
    <message>
        <source>serial number {serial}</source>
        <translation>序列号 {serial}</translation>
    </message>
    <message>
        <source>start of the random sequence (the same seed, the same data)</source>
        <translation>随机序列的起点（相同的种子生成相同的数据）</translation>
    </message>
    <message>
        <source>station code</source>
        <translation>警务室代码</translation>
    </message>
    <message>
        <source>station data directory</source>
        <translation>警务室数据目录</translation>
    </message>
    <message>
        <source>station data directory (as before `devices`)</source>
        <translation>警务室数据目录（与“devices”前的相同）</translation>
    </message>
    <message>
        <source>station data directory (as before the command)</source>
        <translation>警务室数据目录（与命令前的相同）</translation>
    </message>
    <message>
        <source>station data directory (default: WORKSTATION_DATA_DIR or the user data folder)</source>
        <translation>警务室数据目录（默认：WORKSTATION_DATA_DIR 或用户数据文件夹）</translation>
    </message>
    <message>
        <source>station name</source>
        <translation>警务室名称</translation>
    </message>
    <message>
        <source>the backup folder</source>
        <translation>备份文件夹</translation>
    </message>
    <message>
        <source>the first admin&apos;s user name (default: WORKSTATION_USER or `admin`)</source>
        <translation>第一个管理员的用户名（默认：WORKSTATION_USER 或“admin”）</translation>
    </message>
    <message>
        <source>the key from the system keyring</source>
        <extracomment>How `station.unlock` got the key (``unlock``&apos;s report).</extracomment>
        <translation>系统密钥环中的密钥</translation>
    </message>
    <message>
        <source>the new value</source>
        <translation>新值</translation>
    </message>
    <message>
        <source>the operator&apos;s user name (not for `list`)</source>
        <translation>操作员的用户名（“list”不需要）</translation>
    </message>
    <message>
        <source>the recovery passphrase</source>
        <translation>恢复口令</translation>
    </message>
    <message>
        <source>the station&apos;s code (ASCII letters, digits, `-`, `_`)</source>
        <translation>警务室代码（ASCII 字母、数字、“-”、“_”）</translation>
    </message>
    <message>
        <source>the station&apos;s name as it is shown</source>
        <translation>显示的警务室名称</translation>
    </message>
    <message>
        <source>unlock with the recovery passphrase; restores the keyring entry</source>
        <translation>用恢复口令解锁；并恢复系统密钥环中的条目</translation>
    </message>
    <message>
        <source>verify the audit chain (login with a role that may read the audit trail)</source>
        <translation>校验审计链（需以可查阅审计记录的角色登录）</translation>
    </message>
    <message>
        <source>y/yes</source>
        <translation>是/确定</translation>
    </message>
    <message>
        <source>{assignment}  ({present})</source>
        <translation>{assignment}（{present}）</translation>
    </message>
    <message>
        <source>{baud} is not a serial baud rate (e.g. 9600, 57600, 115200).</source>
        <translation>{baud} 不是有效的串口波特率（例如 9600、57600、115200）。</translation>
    </message>
    <message>
        <source>{chip} adapter (profile: {protocols})</source>
        <translation>{chip} 转换器（适配器配置：{protocols}）</translation>
    </message>
    <message>
        <source>{data_dir} already holds a station. Add --replace to replace it by the backup (changes made since the backup are lost). Nothing was changed.</source>
        <translation>{data_dir} 中已有工作站。如要用备份替换，请加 --replace（备份之后的更改将丢失）。数据未作任何改动。</translation>
    </message>
    <message>
        <source>{data_dir} already holds a workstation station; nothing was changed. Choose a new or empty folder.</source>
        <translation>{data_dir} 已有工作站数据，未作任何改动。请选择新的或空的文件夹。</translation>
    </message>
    <message>
        <source>{data_dir} holds a station that is not a demo station; `--demo` opens only demo stations.</source>
        <translation>{data_dir} 中的工作站不是演示站；“--demo”只能打开演示站。</translation>
    </message>
    <message>
        <source>{device} ({details})</source>
        <translation>{device}（{details}）</translation>
    </message>
    <message>
        <source>{device} {protocol} {baud} baud explicit</source>
        <translation>{device} {protocol} {baud} 波特，手动指定</translation>
    </message>
    <message>
        <source>{device} {protocol} {baud} baud remembered</source>
        <translation>{device} {protocol} {baud} 波特，自动记住</translation>
    </message>
    <message>
        <source>{label} {count}</source>
        <extracomment>one item of a list of counts: &quot;Residents 500&quot;</extracomment>
        <translation>{label} {count}</translation>
    </message>
    <message>
        <source>{name} ({code}) — database {data_dir} opened ({how})</source>
        <translation>{name}（{code}）— 已打开数据库 {data_dir}（{how}）</translation>
    </message>
    <message>
        <source>{name} ({code}, a demo station: synthetic data only) — database {data_dir} opened ({how})</source>
        <translation>{name}（{code}，演示警务室：仅含虚构数据）— 已打开数据库 {data_dir}（{how}）</translation>
    </message>
    <message>
        <source>{port}: {kind}</source>
        <translation>{port}：{kind}</translation>
    </message>
    <message>
        <source>{question} [y/N] </source>
        <extracomment>What a confirmation question ends with, and the answers (separated by &quot;/&quot;) that say yes besides y/yes.</extracomment>
        <translation>{question}（是/否，默认否）</translation>
    </message>
    <message>
        <source>{role} ({device})</source>
        <translation>{role}（{device}）</translation>
    </message>
    <message>
        <source>{setting} is now: {value}</source>
        <translation>现{setting}：{value}</translation>
    </message>
    <message>
        <source>{setting} new: {value}</source>
        <translation>新{setting}：{value}</translation>
    </message>
    <message>
        <source>{setting} now: {value}</source>
        <translation>当前{setting}：{value}</translation>
    </message>
    <message>
        <source>{setting} was: {value}</source>
        <translation>原{setting}：{value}</translation>
    </message>
    <message>
        <source>{state}, must change password</source>
        <translation>{state}，须修改密码</translation>
    </message>
    <message>
        <source>{value} cannot be a folder: {blocker} is a file</source>
        <translation>{value} 不能作为文件夹：{blocker} 是一个文件</translation>
    </message>
    <message>
        <source>{value} cannot be created: {blocker} is a file</source>
        <translation>无法创建 {value}：{blocker} 是一个文件</translation>
    </message>
    <message>
        <source>{value} cannot be read</source>
        <translation>无法读取 {value}</translation>
    </message>
    <message>
        <source>{value} cannot be read ({reason})</source>
        <translation>无法读取 {value}（{reason}）</translation>
    </message>
    <message>
        <source>{value} has already passed</source>
        <translation>{value} 已经过去</translation>
    </message>
    <message>
        <source>{value} is a file, not a folder</source>
        <translation>{value} 是文件，不是文件夹</translation>
    </message>
    <message>
        <source>{value} is a folder, not a file</source>
        <translation>{value} 是文件夹，不是文件</translation>
    </message>
    <message>
        <source>{value} is neither a host name nor an IP address</source>
        <translation>{value} 既不是主机名也不是 IP 地址</translation>
    </message>
    <message>
        <source>{value} is not UTF-8 text</source>
        <translation>{value} 不是 UTF-8 文本</translation>
    </message>
    <message>
        <source>{value} is not a date; write it as YYYY-MM-DD, e.g. 2026-12-01</source>
        <translation>{value} 不是日期；请按 年-月-日 书写，例如 2026-12-01</translation>
    </message>
    <message>
        <source>{value} is not a number</source>
        <translation>{value} 不是数字</translation>
    </message>
    <message>
        <source>{value} is not a port number</source>
        <translation>{value} 不是端口号</translation>
    </message>
    <message>
        <source>{value} is not a regular file</source>
        <translation>{value} 不是普通文件</translation>
    </message>
    <message>
        <source>{value} is not a whole number</source>
        <translation>{value} 不是整数</translation>
    </message>
    <message>
        <source>{value} is not empty; choose a new or empty folder</source>
        <translation>{value} 不是空的；请选择新文件夹或空文件夹</translation>
    </message>
    <message>
        <source>{value} is not valid JSON (line {line}: {reason})</source>
        <translation>{value} 不是有效的 JSON（第 {line} 行：{reason}）</translation>
    </message>
    <message>
        <source>{value}: {problems}</source>
        <translation>{value}：{problems}</translation>
    </message>
    <message>
        <source>{what} (again): </source>
        <translation>{what}（再次输入）：</translation>
    </message>
    <message>
        <source>{what} cannot be empty</source>
        <translation>{what}不能为空</translation>
    </message>
    <message>
        <source>{what} has at most {max_len} characters</source>
        <translation>{what}最多 {max_len} 个字符</translation>
    </message>
    <message>
        <source>{what} may not contain control characters</source>
        <translation>{what}不能包含控制字符</translation>
    </message>
    <message>
        <source>{what} must be between {low} and {high}, not {n}</source>
        <translation>{what}必须在 {low} 到 {high} 之间，而不是 {n}</translation>
    </message>
    <message>
        <source>{what} needed: run in a terminal</source>
        <translation>需要{what}：请在终端中运行</translation>
    </message>
    <message>
        <source>{what} needed: set {variable} or run in a terminal</source>
        <translation>需要{what}：请设置 {variable} 或在终端中运行</translation>
    </message>
    <message>
        <source>{what} {value} must be 1–{max_len} ASCII letters, digits, `-` or `_`</source>
        <translation>{what} {value} 必须是 1–{max_len} 个 ASCII 字母、数字、“-”或“_”</translation>
    </message>
    <message>
        <source>{what}: </source>
        <translation>{what}：</translation>
    </message>
    <message>
        <source>{what}: a path cannot contain a NUL character</source>
        <translation>{what}：路径不能包含 NUL 字符</translation>
    </message>
    <message>
        <source>{what}: an empty path is not a path</source>
        <translation>{what}：路径不能为空</translation>
    </message>
    <message>
        <source>{what}: {exc}</source>
        <translation>{what}：{exc}</translation>
    </message>
    <message>
        <source>→ workstation-admin devices assign {role} PORT</source>
        <translation>→ workstation-admin devices assign {role} &lt;串口&gt;</translation>
    </message>
</context>
<context>
    <name>devices</name>
    <message>
        <source>Device support: {support}</source>
        <translation>支持的设备：{support}</translation>
    </message>
    <message>
        <source>Devices are shutting down.</source>
        <translation>设备正在关闭。</translation>
    </message>
    <message>
        <source>Devices: cannot list serial ports ({error})</source>
        <translation>设备：无法列出串口（{error}）</translation>
    </message>
    <message>
        <source>Devices: no USB-serial reader plugged in; demo mode uses emulated devices</source>
        <translation>设备：未接入 USB 串口读卡设备；演示模式使用模拟设备</translation>
    </message>
    <message>
        <source>ID card reader</source>
        <translation>身份证阅读器</translation>
    </message>
    <message>
        <source>Looking for the {device}…</source>
        <translation>正在查找{device}……</translation>
    </message>
    <message>
        <source>No answer from the {device}. Check the cable and that the device is powered.</source>
        <translation>{device}无响应，请检查连接线和电源。</translation>
    </message>
    <message>
        <source>Serial ports: {ports}</source>
        <translation>串口：{ports}</translation>
    </message>
    <message>
        <source>Support for the {device} is not installed in this build.</source>
        <translation>此版本未安装{device}支持。</translation>
    </message>
    <message>
        <source>The device on {port} was disconnected. Plug it back in; it will reconnect.</source>
        <translation>设备（{port}）已断开，重新插上后会自动重连。</translation>
    </message>
    <message>
        <source>The device profile file {path} cannot be used. Fix or remove it in Settings → Devices.</source>
        <translation>设备配置文件 {path} 无法使用，请在“设置 → 设备”中修正或移除。</translation>
    </message>
    <message>
        <source>The {device} cannot be detected automatically. Assign its port in Settings → Devices.</source>
        <translation>{device}无法自动识别，请在“设置 → 设备”中指定其串口。</translation>
    </message>
    <message>
        <source>The {device} cannot use the protocol &apos;{protocol}&apos;; it speaks: {protocols}.</source>
        <translation>{device}不能使用协议“{protocol}”，可用协议：{protocols}。</translation>
    </message>
    <message>
        <source>The {device} cannot use the protocol &apos;{protocol}&apos;; no protocol for it is installed.</source>
        <translation>{device}不能使用协议“{protocol}”：本版本未安装其可用协议。</translation>
    </message>
    <message>
        <source>The {device} is disconnected; reconnecting (attempt {attempt}). Check its cable and power.</source>
        <translation>{device}已断开，正在重连（第{attempt}次），请检查连接线和电源。</translation>
    </message>
    <message>
        <source>The {device} is disconnected; reconnecting. Check its cable and power.</source>
        <translation>{device}已断开，正在重连，请检查连接线和电源。</translation>
    </message>
    <message>
        <source>The {device} is emulated (demo mode).</source>
        <translation>{device}为模拟设备（演示模式）。</translation>
    </message>
    <message>
        <source>The {device} is ready on {port}.</source>
        <translation>{device}已连接（{port}）。</translation>
    </message>
    <message>
        <source>The {device} is ready.</source>
        <translation>{device}已连接。</translation>
    </message>
    <message>
        <source>The {device} was disconnected. Plug it back in; it will reconnect by itself.</source>
        <translation>{device}已断开，重新插上后会自动重连。</translation>
    </message>
    <message>
        <source>The {device} was not found. Plug it in (it is found by itself), or assign its port in Settings → Devices.</source>
        <translation>未找到{device}。请插上设备（会自动识别），或在“设置 → 设备”中指定其串口。</translation>
    </message>
    <message>
        <source>device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>fingerprint scanner</source>
        <translation>指纹仪</translation>
    </message>
    <message>
        <source>its port</source>
        <translation>串口</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>passport reader</source>
        <translation>护照阅读器</translation>
    </message>
    <message>
        <source>{device} ({protocol})</source>
        <extracomment>one supported device: its kind in words and its protocol&apos;s name (&quot;ID card reader (SAM)&quot;)</extracomment>
        <translation>{device}（{protocol}）</translation>
    </message>
    <message>
        <source>{port} (USB {usb_id})</source>
        <translation>{port}（USB {usb_id}）</translation>
    </message>
    <message>
        <source>{port} (built-in; probed only if configured)</source>
        <translation>{port}（主板串口；仅在配置后探测）</translation>
    </message>
    <message>
        <source>{port} ({chip})</source>
        <translation>{port}（{chip}）</translation>
    </message>
    <message>
        <source>{role} device</source>
        <translation>{role}设备</translation>
    </message>
</context>
<context>
    <name>documents</name>
    <message>
        <source>This document has expired. Registration is allowed; the record notes that an expired document was used.</source>
        <translation>该证件已过期。可以登记，记录中将注明使用了过期证件。</translation>
    </message>
    <message>
        <source>This document is not valid yet (its start date is in the future). Check the dates; the record notes it.</source>
        <translation>该证件尚未生效（起始日期在今天之后），请核对日期；记录中将注明。</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>not yet valid</source>
        <translation>尚未生效</translation>
    </message>
    <message>
        <source>valid</source>
        <extracomment>A document&apos;s validity against the day it was registered, in words (the audit trail shows these).</extracomment>
        <translation>有效</translation>
    </message>
    <message>
        <source>validity not known (no dates)</source>
        <translation>有效期不明（无日期）</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>; </source>
        <extracomment>Joins several problems in one sentence.</extracomment>
        <translation>；</translation>
    </message>
    <message>
        <source>A report was saved to:</source>
        <translation>错误报告已保存到：</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <extracomment>What stopped when the operator cancelled and nothing more specific is known (`Cancelled`).</extracomment>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Error: {message}</source>
        <extracomment>The line a console command prints for a user-facing error (``{message}`` already translated).</extracomment>
        <translation>错误：{message}</translation>
    </message>
    <message>
        <source>Not saved:</source>
        <translation>未保存：</translation>
    </message>
    <message>
        <source>Not saved: {problems}</source>
        <translation>未保存：{problems}</translation>
    </message>
    <message>
        <source>Please give it to your administrator.</source>
        <translation>请交给管理员。</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>出现错误</translation>
    </message>
    <message>
        <source>Something went wrong inside the workstation. What you were doing may not have been finished; please check it. You can keep working.</source>
        <translation>工作站内部出现错误。刚才的操作可能没有完成，请检查一下。您可以继续工作。</translation>
    </message>
    <message>
        <source>The report could not be saved.</source>
        <translation>错误报告未能保存。</translation>
    </message>
    <message>
        <source>What to do: {hint}</source>
        <translation>处理办法：{hint}</translation>
    </message>
    <message>
        <source>Workstation</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>{field}: {reason}</source>
        <extracomment>How one validation problem reads in a sentence: field label, then the reason.</extracomment>
        <translation>{field}：{reason}</translation>
    </message>
</context>
<context>
    <name>fields</name>
    <message>
        <source>address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>binding</source>
        <translation>人屋捆绑</translation>
    </message>
    <message>
        <source>capacity</source>
        <translation>可住人数</translation>
    </message>
    <message>
        <source>date of arrival</source>
        <translation>来本地日期</translation>
    </message>
    <message>
        <source>date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>date of entry</source>
        <translation>入境日期</translation>
    </message>
    <message>
        <source>declarant&apos;s mobile number</source>
        <translation>申报人手机号</translation>
    </message>
    <message>
        <source>declarant&apos;s name</source>
        <translation>申报人姓名</translation>
    </message>
    <message>
        <source>declaration date</source>
        <translation>申报日期</translation>
    </message>
    <message>
        <source>declared tenant {number}</source>
        <translation>第{number}位申报租客</translation>
    </message>
    <message>
        <source>display name</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <source>document number</source>
        <extracomment>What a field is called in a sentence (``Not saved: date of birth: …``); forms use their own labels.</extracomment>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>document type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <source>end date</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>fingerprint template</source>
        <translation>指纹模板</translation>
    </message>
    <message>
        <source>grid cell</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>image quality</source>
        <translation>图像质量</translation>
    </message>
    <message>
        <source>intended stay until</source>
        <translation>拟停留截止日期</translation>
    </message>
    <message>
        <source>issuing state</source>
        <translation>签发国</translation>
    </message>
    <message>
        <source>landlord&apos;s mobile number</source>
        <translation>业主手机号</translation>
    </message>
    <message>
        <source>mobile number</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>name in Latin letters</source>
        <translation>拉丁字母姓名</translation>
    </message>
    <message>
        <source>nationality</source>
        <translation>国籍</translation>
    </message>
    <message>
        <source>new password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>previous card number</source>
        <translation>原证件号码</translation>
    </message>
    <message>
        <source>property manager&apos;s mobile number</source>
        <translation>物管单位手机号</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>room</source>
        <translation>房间</translation>
    </message>
    <message>
        <source>selection</source>
        <translation>所选记录</translation>
    </message>
    <message>
        <source>sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>start date</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>travel permit number</source>
        <translation>通行证号码</translation>
    </message>
    <message>
        <source>user name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>valid from</source>
        <translation>有效期起始</translation>
    </message>
    <message>
        <source>valid to</source>
        <translation>有效期截止</translation>
    </message>
    <message>
        <source>visa or permit number</source>
        <translation>签证或居留许可号码</translation>
    </message>
    <message>
        <source>visa or permit type</source>
        <translation>签证或居留许可种类</translation>
    </message>
</context>
<context>
    <name>fingerprint</name>
    <message>
        <source>This station does not take fingerprints at registration, so there is nothing to skip.</source>
        <translation>本警务室登记时不采集指纹，无需跳过。</translation>
    </message>
    <message>
        <source>This station requires a fingerprint: registering without one needs a supervisor&apos;s confirmation (their name and password).</source>
        <translation>本警务室要求采集指纹：不采集指纹登记须经所领导确认（输入其用户名和密码）。</translation>
    </message>
    <message>
        <source>at most {limit} characters</source>
        <translation>最多 {limit} 个字符</translation>
    </message>
    <message>
        <source>child under the age for fingerprints</source>
        <translation>未到采集指纹年龄的儿童</translation>
    </message>
    <message>
        <source>choose a reason</source>
        <translation>请选择原因</translation>
    </message>
    <message>
        <source>finger injured or missing</source>
        <extracomment>What a supervisor&apos;s confirmation of a skip is for, in the audit row &quot;operator.confirm&quot; (its words: `sync.audit_words`). Each reason in the operator&apos;s words (the &quot;fingerprint&quot; context).</extracomment>
        <translation>手指受伤或缺失</translation>
    </message>
    <message>
        <source>fingerprint scanner unavailable</source>
        <translation>指纹仪不可用</translation>
    </message>
    <message>
        <source>no usable finger (ridges worn or damaged)</source>
        <translation>没有可用的手指（指纹磨损或受损）</translation>
    </message>
    <message>
        <source>other reason</source>
        <translation>其他原因</translation>
    </message>
    <message>
        <source>other: {note}</source>
        <translation>其他：{note}</translation>
    </message>
    <message>
        <source>say what the reason is</source>
        <translation>请写明原因</translation>
    </message>
    <message>
        <source>the person refused</source>
        <translation>本人拒绝</translation>
    </message>
    <message>
        <source>{reason} ({note})</source>
        <translation>{reason}（{note}）</translation>
    </message>
</context>
<context>
    <name>help</name>
    <message>
        <source>(demo station)</source>
        <translation>（演示警务室）</translation>
    </message>
    <message>
        <source>Alt+1…{last}: pages</source>
        <translation>Alt+1 至 Alt+{last}：切换页面</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Every resident of the station&apos;s area. Search by name, pinyin, ID number, phone or address (Ctrl+F), or place an ID card on the reader to open the person. ID numbers in the list are masked; the whole number shows only in the opened record. F2 registers a person by typing.</source>
        <translation>本警务室辖区内的全部实有人口。可按姓名、拼音、证件号码、电话或地址查询（Ctrl+F），或将身份证放上阅读器直接打开该人员。列表中的证件号码已隐去部分数字，只有打开的记录中才显示完整号码。F2 手工录入登记。</translation>
    </message>
    <message>
        <source>F1: this help · Ctrl+F: search · F2: new registration · F5: sync now · Ctrl+L: lock · Esc: close a dialog</source>
        <translation>F1：本说明 · Ctrl+F：查询 · F2：新登记 · F5：立即同步 · Ctrl+L：锁定 · Esc：关闭对话框</translation>
    </message>
    <message>
        <source>Help: {page}</source>
        <extracomment>the session&apos;s page count (the Alt+1…n keys); 0 when no one is logged in</extracomment>
        <translation>帮助：{page}</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>密钥</translation>
    </message>
    <message>
        <source>Log in with your user name and password. The desk locks itself after a few idle minutes and with Ctrl+L; only you can unlock your own session. Administrators set up operators on the Admin page.</source>
        <translation>请用用户名和密码登录。工作台空闲几分钟后或按 Ctrl+L 会自动锁定，只有本人才能解锁自己的会话。管理员在“管理”页面设置操作员。</translation>
    </message>
    <message>
        <source>Operators and their roles, station settings, enrollment with the platform, backup and purge. Every change here is recorded in the audit trail.</source>
        <translation>操作员及其角色、警务室设置、向中心平台注册、备份和清理。此处的每次更改都记入审计日志。</translation>
    </message>
    <message>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <source>Qt / PySide6</source>
        <translation>Qt / PySide6</translation>
    </message>
    <message>
        <source>Rental properties and their rooms, landlords and who lives where (person–room bindings). With a room open, a card placed on the reader binds that person to the room. Ctrl+P prints the visit sheet of the open property.</source>
        <translation>出租屋及其房间、业主和住户（人屋捆绑）。打开一个房间时，放上阅读器的证件会把该人员捆绑到此房间。Ctrl+P 打印当前出租屋的走访单。</translation>
    </message>
    <message>
        <source>SQLCipher</source>
        <translation>SQLCipher</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>警务室</translation>
    </message>
    <message>
        <source>The ID card reader, fingerprint scanner and passport reader: their state lights, the serial ports with their USB adapter, a test read of each device and reconnect. Administrators assign ports and change the fingerprint scanner&apos;s own settings. A yellow banner means the devices are emulated (demo).</source>
        <translation>身份证阅读器、指纹仪和护照阅读器：状态指示灯、串口及其 USB 适配器、每台设备的测试读取和重新连接。管理员可指定串口并更改指纹仪自身的设置。黄色横幅表示设备为模拟设备（演示）。</translation>
    </message>
    <message>
        <source>The day at a glance: registrations, consistency and feedback rates, what waits for the platform, tasks due and devices that are not ready. Click a bar or point to open the list behind it.</source>
        <translation>今日概览：登记数、一致率和反馈率、等待上传平台的数据、到期任务以及未就绪的设备。点击柱形或数据点可打开对应的列表。</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Visits and checks sent by the platform or planned here, with their due dates. Record the result of each task; the result goes back to the platform with the next sync (feedback rate).</source>
        <translation>中心平台下发或本地安排的走访和核查任务及其期限。请为每个任务录入结果，结果在下次同步时反馈给平台（反馈率）。</translation>
    </message>
    <message>
        <source>What has reached the central platform and what is waiting, the last error in plain words with the next automatic try, conflicts to decide, and offline transfer by USB folder. F5 syncs now.</source>
        <translation>哪些数据已上传中心平台、哪些还在等待，最近一次错误的说明和下次自动重试时间，需要裁决的冲突，以及通过 U 盘文件夹离线传输。F5 立即同步。</translation>
    </message>
    <message>
        <source>Who read or changed what, and when: the station&apos;s tamper-evident audit trail, filtered by operator, person, kind of event and date. &quot;Verify chain&quot; checks that no row was changed or removed.</source>
        <translation>谁在何时查看或更改了什么：本警务室防篡改的审计日志，可按操作员、人员、事件类型和日期筛选。“校验链”检查是否有记录被更改或删除。</translation>
    </message>
    <message>
        <source>none (not encrypted)</source>
        <translation>无（未加密）</translation>
    </message>
    <message>
        <source>not known</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>operating system keyring ({name})</source>
        <translation>操作系统密钥环（{name}）</translation>
    </message>
    <message>
        <source>recovery passphrase (no keyring entry used)</source>
        <translation>恢复口令（未使用密钥环）</translation>
    </message>
</context>
<context>
    <name>keys</name>
    <message>
        <source>another keyring ({name})</source>
        <translation>其他密钥环（{name}）</translation>
    </message>
    <message>
        <source>none (no keyring service: the recovery passphrase is the everyday key)</source>
        <translation>无（没有系统密钥环服务：恢复口令就是日常使用的密钥）</translation>
    </message>
    <message>
        <source>the Windows Credential Manager</source>
        <extracomment>`KeyVault.backend_name` → what it is, in words (marked): ``workstation-admin status`` and ``unlock``.</extracomment>
        <translation>Windows 凭据管理器</translation>
    </message>
    <message>
        <source>the desktop&apos;s keyring service</source>
        <translation>桌面系统的密钥环服务</translation>
    </message>
    <message>
        <source>the system keyring</source>
        <translation>系统密钥环</translation>
    </message>
</context>
<context>
    <name>mrz</name>
    <message>
        <source>Line {line} had {count} of {width} characters; padded with fillers.</source>
        <translation>第{line}行只有{count}个字符（应为{width}个），已用填充符补齐。</translation>
    </message>
    <message>
        <source>No passport was read within {seconds:g} s. Place the passport on the reader, photo page down.</source>
        <translation>{seconds:g} 秒内未读到护照，请将护照资料页朝下放在阅读器上。</translation>
    </message>
    <message>
        <source>The check digits of the passport do not match for: {fields}. Compare these fields with the printed page and correct them, or swipe the passport again.</source>
        <translation>护照机读码校验失败：{fields}。请与证件资料页核对并更正，或重新刷护照。</translation>
    </message>
    <message>
        <source>The passport data from the reader was damaged or unreadable. Swipe the passport again; if it repeats, check the cable and the reader&apos;s settings.</source>
        <translation>护照阅读器传来的数据损坏或无法识别，请重新刷护照；如反复出现，请检查连接线和阅读器设置。</translation>
    </message>
    <message>
        <source>The passport reader stopped in the middle of sending a document. Check the cable and swipe the passport again.</source>
        <translation>护照阅读器在发送证件数据时中断，请检查连接线后重新刷护照。</translation>
    </message>
    <message>
        <source>date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>date of birth &apos;{value}&apos; is incomplete or impossible</source>
        <translation>出生日期“{value}”不完整或不可能</translation>
    </message>
    <message>
        <source>date of expiry</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>date of expiry &apos;{value}&apos; is incomplete or impossible</source>
        <translation>有效期至“{value}”不完整或不可能</translation>
    </message>
    <message>
        <source>document number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>overall check</source>
        <translation>总校验位</translation>
    </message>
    <message>
        <source>personal number</source>
        <translation>个人号码</translation>
    </message>
    <message>
        <source>{field}: read {read}, taken as {taken} (OCR repair; check digit matches)</source>
        <translation>{field}：读到 {read}，按 {taken} 处理（识别纠错，校验位相符）</translation>
    </message>
</context>
<context>
    <name>pages</name>
    <message>
        <source>Admin</source>
        <translation>管理</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>审计</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Every resident of the station&apos;s area: search by name, pinyin, ID number, phone or address.</source>
        <translation>本辖区全部实有人口：可按姓名、拼音、证件号码、电话或地址查询。</translation>
    </message>
    <message>
        <source>Operators, station settings, backup, key rotation and enrollment with the platform.</source>
        <translation>操作员、工作站设置、备份、密钥更换以及在平台注册。</translation>
    </message>
    <message>
        <source>Properties</source>
        <translation>出租屋</translation>
    </message>
    <message>
        <source>Rental properties and their rooms, landlords, who lives where, and visit sheets to print.</source>
        <translation>出租屋及其房间、业主、人屋捆绑情况，以及可打印的走访单。</translation>
    </message>
    <message>
        <source>Residents</source>
        <translation>实有人口</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>The ID card reader, fingerprint scanner and passport reader: ports, states and tests.</source>
        <translation>身份证阅读器、指纹仪和护照阅读器：串口、状态和测试。</translation>
    </message>
    <message>
        <source>This page comes with the next update of the workstation. Until then use the other pages; nothing here is lost or hidden.</source>
        <translation>此页面将在工作站的下一次更新中提供。在此之前请使用其他页面；不会有任何数据丢失或被隐藏。</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>Visits and checks sent by the platform or planned here, with their due dates and results.</source>
        <translation>平台下发或本站安排的走访与核查任务，含截止日期和结果。</translation>
    </message>
    <message>
        <source>What has reached the central platform, what is waiting, conflicts to decide, and sync history.</source>
        <translation>哪些已送达中心平台、哪些在等待、需要处理的冲突，以及同步记录。</translation>
    </message>
    <message>
        <source>Who read or changed what, and when: the station&apos;s tamper-evident audit trail.</source>
        <translation>谁在何时查看或修改了什么：本站防篡改的审计记录。</translation>
    </message>
</context>
<context>
    <name>permissions</name>
    <message>
        <source>The role {role} may not {action}.</source>
        <translation>{role}无权{action}。</translation>
    </message>
    <message>
        <source>capture fingerprints</source>
        <translation>采集指纹</translation>
    </message>
    <message>
        <source>change station settings</source>
        <translation>修改工作站设置</translation>
    </message>
    <message>
        <source>complete tasks</source>
        <translation>办结任务</translation>
    </message>
    <message>
        <source>confirm a registration without a fingerprint where one is required</source>
        <translation>在要求采集指纹时确认不采集指纹登记</translation>
    </message>
    <message>
        <source>enter landlord declarations</source>
        <translation>录入业主申报</translation>
    </message>
    <message>
        <source>export records</source>
        <translation>导出数据</translation>
    </message>
    <message>
        <source>lift the sync freeze</source>
        <translation>解除同步冻结</translation>
    </message>
    <message>
        <source>manage devices</source>
        <translation>管理设备</translation>
    </message>
    <message>
        <source>manage operators</source>
        <translation>管理操作员</translation>
    </message>
    <message>
        <source>manage rental properties and rooms</source>
        <translation>管理出租屋和房间</translation>
    </message>
    <message>
        <source>purge records past retention</source>
        <translation>清除超过保存期限的数据</translation>
    </message>
    <message>
        <source>read reports</source>
        <translation>查看报表</translation>
    </message>
    <message>
        <source>read residents&apos; records</source>
        <extracomment>What each permission lets a person do, as the end of &quot;… may not &lt;action&gt;&quot;.</extracomment>
        <translation>查阅实有人口信息</translation>
    </message>
    <message>
        <source>read tasks</source>
        <translation>查看任务</translation>
    </message>
    <message>
        <source>read the audit trail</source>
        <translation>查阅审计日志</translation>
    </message>
    <message>
        <source>record spot checks</source>
        <translation>录入抽查核查</translation>
    </message>
    <message>
        <source>register residents</source>
        <translation>登记人员</translation>
    </message>
    <message>
        <source>sync with the central platform</source>
        <translation>与中心平台同步</translation>
    </message>
</context>
<context>
    <name>platform</name>
    <message>
        <source>HTTP status {status}</source>
        <translation>HTTP 状态 {status}</translation>
    </message>
    <message>
        <source>a batch with this id was already received with other content</source>
        <translation>平台已收到同一编号但内容不同的批次</translation>
    </message>
    <message>
        <source>a record in the batch has a version out of range</source>
        <translation>批次中有一条记录的版本号超出范围</translation>
    </message>
    <message>
        <source>a record in the batch has an invalid base hash</source>
        <translation>批次中有一条记录的基准哈希值无效</translation>
    </message>
    <message>
        <source>a record in the batch has an invalid type, id or operation</source>
        <translation>批次中有一条记录的类型、编号或操作无效</translation>
    </message>
    <message>
        <source>a record in the batch lacks required fields</source>
        <translation>批次中有一条记录缺少必填字段</translation>
    </message>
    <message>
        <source>a record&apos;s payload is not valid text</source>
        <translation>有一条记录的内容不是有效文本</translation>
    </message>
    <message>
        <source>a sealed batch is sent as {media_type}</source>
        <translation>封包批次须以 {media_type} 格式发送</translation>
    </message>
    <message>
        <source>expected batch sequence {expected}, got {got}</source>
        <translation>应为第 {expected} 号批次，收到的是第 {got} 号</translation>
    </message>
    <message>
        <source>internal error after commit (injected)</source>
        <translation>提交后发生内部错误（测试注入）</translation>
    </message>
    <message>
        <source>no device {device}</source>
        <translation>没有设备 {device}</translation>
    </message>
    <message>
        <source>no {kind} {record}</source>
        <translation>没有 {kind} 记录 {record}</translation>
    </message>
    <message>
        <source>the audit checkpoint is missing or not signed</source>
        <translation>审计检查点缺失或未签名</translation>
    </message>
    <message>
        <source>the audit checkpoint is missing or not signed by the device</source>
        <translation>审计检查点缺失或未经该设备签名</translation>
    </message>
    <message>
        <source>the batch arrived incomplete; it is sent again</source>
        <translation>批次到达时不完整，将重新发送</translation>
    </message>
    <message>
        <source>the batch content is not valid</source>
        <translation>批次内容无效</translation>
    </message>
    <message>
        <source>the batch could not be decrypted with the platform key</source>
        <translation>无法用平台密钥解密该批次</translation>
    </message>
    <message>
        <source>the batch does not follow the previous one the platform received</source>
        <translation>该批次与平台收到的上一批次衔接不上</translation>
    </message>
    <message>
        <source>the batch header does not have the expected fields</source>
        <translation>批次头缺少应有的字段</translation>
    </message>
    <message>
        <source>the batch header field {name} is not short printable ASCII</source>
        <translation>批次头字段 {name} 不是简短的可打印 ASCII 文本</translation>
    </message>
    <message>
        <source>the batch header has a field of the wrong type</source>
        <translation>批次头有字段类型错误</translation>
    </message>
    <message>
        <source>the batch header is not in canonical form</source>
        <translation>批次头不是规范格式</translation>
    </message>
    <message>
        <source>the batch header is not valid JSON</source>
        <translation>批次头不是有效的 JSON</translation>
    </message>
    <message>
        <source>the batch header&apos;s seq or count is out of range</source>
        <translation>批次头的序号或条数超出范围</translation>
    </message>
    <message>
        <source>the batch holds a different number of records than its header</source>
        <translation>批次中的记录数与批次头不符</translation>
    </message>
    <message>
        <source>the batch holds a different number of records than its header says</source>
        <translation>批次中的记录条数与批次头所写不符</translation>
    </message>
    <message>
        <source>the batch is not the one the platform expects next</source>
        <translation>该批次不是平台期待的下一批</translation>
    </message>
    <message>
        <source>the batch is sealed to a platform key the platform no longer has</source>
        <translation>该批次所用的平台密钥已不存在</translation>
    </message>
    <message>
        <source>the batch is sealed to platform key {key}, not ours</source>
        <translation>该批次是用平台密钥 {key} 封装的，不是本平台的密钥</translation>
    </message>
    <message>
        <source>the batch is truncated (header length runs past the end)</source>
        <translation>批次不完整（批次头长度超出文件末尾）</translation>
    </message>
    <message>
        <source>the batch length does not match its declared sizes (truncated or padded)</source>
        <translation>批次长度与其声明的大小不符（被截断或有多余内容）</translation>
    </message>
    <message>
        <source>the batch was sent in the wrong format</source>
        <translation>批次发送格式有误</translation>
    </message>
    <message>
        <source>the device signature does not match the batch</source>
        <translation>设备签名与批次内容不符</translation>
    </message>
    <message>
        <source>the device signing key is not a valid Ed25519 key</source>
        <translation>设备签名密钥无效（不是有效的椭圆曲线签名密钥）</translation>
    </message>
    <message>
        <source>the device signing key was not accepted</source>
        <translation>平台不接受本设备的签名密钥</translation>
    </message>
    <message>
        <source>the platform could not decrypt the batch</source>
        <translation>平台无法解密该批次</translation>
    </message>
    <message>
        <source>the platform could not verify this workstation&apos;s signature on the batch</source>
        <translation>平台无法验证本工作站在该批次上的签名</translation>
    </message>
    <message>
        <source>the platform does not accept this workstation&apos;s batch format; the workstation needs an update</source>
        <translation>平台不接受本工作站的批次格式，需要升级工作站</translation>
    </message>
    <message>
        <source>the platform holds no such record</source>
        <translation>中心平台没有这条记录</translation>
    </message>
    <message>
        <source>the platform is temporarily unavailable</source>
        <translation>中心平台暂时不可用</translation>
    </message>
    <message>
        <source>the platform is temporarily unavailable (injected)</source>
        <translation>平台暂时不可用（测试注入）</translation>
    </message>
    <message>
        <source>the platform was busy with a concurrent upload; send the batch again</source>
        <translation>平台正忙于另一次上传，请重新发送该批次</translation>
    </message>
    <message>
        <source>the platform was busy; the batch is sent again</source>
        <translation>中心平台繁忙，该批次将重新发送</translation>
    </message>
    <message>
        <source>the platform&apos;s receipt signature does not verify</source>
        <translation>平台回执的签名验证未通过</translation>
    </message>
    <message>
        <source>the previous-batch hash does not match the platform&apos;s chain</source>
        <translation>上一批次的哈希与平台记录的批次链不符</translation>
    </message>
    <message>
        <source>the receipt lacks required fields</source>
        <translation>回执缺少必填字段</translation>
    </message>
    <message>
        <source>the request does not match the platform&apos;s interface</source>
        <translation>请求与平台接口不符</translation>
    </message>
    <message>
        <source>the request nonce must be 32 lowercase hex digits</source>
        <translation>请求随机数须为 32 位小写十六进制数字</translation>
    </message>
    <message>
        <source>the request signature did not verify</source>
        <translation>请求签名验证未通过</translation>
    </message>
    <message>
        <source>the request signature does not verify</source>
        <translation>请求签名验证未通过</translation>
    </message>
    <message>
        <source>the request time is not an ISO 8601 time with a UTC offset</source>
        <translation>请求时间不是带 UTC 时差的 ISO 8601 时间</translation>
    </message>
    <message>
        <source>the request time is too far from the platform&apos;s clock</source>
        <translation>请求时间与平台时钟相差过大</translation>
    </message>
    <message>
        <source>the request time was not understood</source>
        <translation>平台无法识别请求时间</translation>
    </message>
    <message>
        <source>the request was malformed</source>
        <translation>请求格式有误</translation>
    </message>
    <message>
        <source>the same signed request was received twice</source>
        <translation>同一签名请求被重复接收</translation>
    </message>
    <message>
        <source>the station&apos;s audit entry {seq} differs from the one it reported before: the audit trail was rewritten or replaced</source>
        <translation>该警务室第 {seq} 条审计记录与之前报告的不同：审计记录被改写或替换</translation>
    </message>
    <message>
        <source>the station&apos;s audit trail ends at entry {seq}, but it already reported entry {reported}: audit entries were removed or the station was restored from an older copy</source>
        <translation>该警务室的审计记录止于第 {seq} 条，但此前已报告到第 {reported} 条：审计记录被删除，或工作站从较旧的副本恢复</translation>
    </message>
    <message>
        <source>this batch id was already received with different content</source>
        <translation>已收到过相同批次编号但内容不同的批次</translation>
    </message>
    <message>
        <source>this computer&apos;s clock is too far from the platform&apos;s; correct the date and time</source>
        <translation>本机时钟与平台相差过大，请校正日期和时间</translation>
    </message>
    <message>
        <source>this device has been revoked by the platform</source>
        <translation>该设备已被平台吊销</translation>
    </message>
    <message>
        <source>this device is not enrolled</source>
        <translation>该设备未在平台注册</translation>
    </message>
    <message>
        <source>this enrollment code has already been used</source>
        <translation>此注册码已被使用</translation>
    </message>
    <message>
        <source>this enrollment code has expired; ask for a new one</source>
        <translation>此注册码已过期，请重新申请</translation>
    </message>
    <message>
        <source>this enrollment code is not known</source>
        <extracomment>What the platform&apos;s refusal codes (its ``reason`` field) mean, in the station&apos;s words. A code not listed here is shown with the platform&apos;s own (English) message and the HTTP status.</extracomment>
        <translation>此注册码无效</translation>
    </message>
    <message>
        <source>this enrollment code was issued for another station</source>
        <translation>此注册码是发给其他警务室的</translation>
    </message>
    <message>
        <source>this is not a sealed batch (bad magic or too short)</source>
        <translation>这不是封包批次（文件标识错误或过短）</translation>
    </message>
    <message>
        <source>this record belongs to another station; its copy is not shown to this one</source>
        <translation>该记录属于另一个警务室，不向本警务室显示</translation>
    </message>
    <message>
        <source>this record belongs to another station; the platform does not show it here</source>
        <translation>这条记录属于其他警务室，平台不向本站提供</translation>
    </message>
    <message>
        <source>this signed request was already received (replay)</source>
        <translation>该签名请求已收到过（重放）</translation>
    </message>
    <message>
        <source>this workstation has been revoked by the platform</source>
        <translation>本工作站已被中心平台吊销</translation>
    </message>
    <message>
        <source>this workstation is not enrolled with the platform</source>
        <translation>本工作站未在中心平台注册</translation>
    </message>
    <message>
        <source>unsupported algorithm suite {suite}</source>
        <translation>不支持的算法套件 {suite}</translation>
    </message>
    <message>
        <source>unsupported batch format {format}</source>
        <translation>不支持的批次格式 {format}</translation>
    </message>
    <message>
        <source>{file}: {reason}</source>
        <translation>{file}：{reason}</translation>
    </message>
    <message>
        <source>{message} (HTTP {status} {reason})</source>
        <translation>{message}（HTTP {status} {reason}）</translation>
    </message>
</context>
<context>
    <name>platform-cli</name>
    <message>
        <source>Batches received</source>
        <translation>已收到的批次</translation>
    </message>
    <message>
        <source>CA certificate: {path}</source>
        <translation>CA 证书：{path}</translation>
    </message>
    <message>
        <source>CA fingerprint (SHA-256): {fingerprint}</source>
        <translation>证书指纹（SHA-256）：{fingerprint}</translation>
    </message>
    <message>
        <source>CA fingerprint to check at the workstation: {fingerprint}</source>
        <translation>在工作站上核对的证书指纹：{fingerprint}</translation>
    </message>
    <message>
        <source>Cannot open the platform database {url}: {reason}</source>
        <translation>无法打开平台数据库 {url}：{reason}</translation>
    </message>
    <message>
        <source>Conflicts reported to stations</source>
        <translation>已向警务室报告的冲突</translation>
    </message>
    <message>
        <source>DEVICE</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Device {device} revoked</source>
        <translation>设备 {device} 已吊销</translation>
    </message>
    <message>
        <source>Encryption key id</source>
        <extracomment>`Central.status` keys in words.</extracomment>
        <translation>加密密钥编号</translation>
    </message>
    <message>
        <source>Encryption key id: {key_id}</source>
        <translation>加密密钥编号：{key_id}</translation>
    </message>
    <message>
        <source>Enrolled devices</source>
        <translation>已注册的设备</translation>
    </message>
    <message>
        <source>Enrollment code for station {station} (valid {minutes} minutes, one use): {code}</source>
        <translation>警务室 {station} 的注册码（{minutes} 分钟内有效，仅可使用一次）：{code}</translation>
    </message>
    <message>
        <source>HOST</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>Items queued for stations (tasks, pre-registrations, settings)</source>
        <translation>等待下发到警务室的事项（任务、网上备案、设置）</translation>
    </message>
    <message>
        <source>JSON list, e.g. {example}</source>
        <translation>JSON 列表，例如 {example}</translation>
    </message>
    <message>
        <source>New encryption key id: {key_id} (the old key is kept for sealed batches)</source>
        <translation>新的加密密钥编号：{key_id}（旧密钥保留，用于已封装的批次）</translation>
    </message>
    <message>
        <source>No platform at {path}; run `workstation-central init` first.</source>
        <translation>{path} 处没有平台，请先运行“workstation-central init”。</translation>
    </message>
    <message>
        <source>No sealed batches (`*.wsb`) in {folder}; nothing was imported.</source>
        <translation>{folder} 中没有封存批次（“*.wsb”），未导入任何内容。</translation>
    </message>
    <message>
        <source>No station {station} is known to this platform (no device enrolled and no enrollment code issued). Check the code, or issue one with `workstation-central enroll-code`.</source>
        <translation>本平台不认识站点 {station}（没有已注册的设备，也未签发注册码）。请核对站点代码，或用命令“workstation-central enroll-code”签发注册码。</translation>
    </message>
    <message>
        <source>Platform initialised in {path}</source>
        <translation>中心平台已在 {path} 中初始化</translation>
    </message>
    <message>
        <source>RECORD</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Record versions received</source>
        <translation>已收到的记录版本</translation>
    </message>
    <message>
        <source>Records held</source>
        <translation>平台保存的记录</translation>
    </message>
    <message>
        <source>Reference central platform</source>
        <translation>参考中心平台</translation>
    </message>
    <message>
        <source>Serving {url} (OpenAPI at /openapi.json)</source>
        <translation>正在提供服务：{url}（OpenAPI 见 /openapi.json）</translation>
    </message>
    <message>
        <source>Station {station}: audit checkpoint {seq} forgotten; its next batch sets it</source>
        <translation>警务室 {station}：已忘记审计检查点 {seq}；其下一个批次会重新设置</translation>
    </message>
    <message>
        <source>TCP port (default 8443)</source>
        <translation>TCP 端口（默认 8443）</translation>
    </message>
    <message>
        <source>TYPE</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Task {task} queued for station {station}</source>
        <translation>任务 {task} 已排队发往警务室 {station}</translation>
    </message>
    <message>
        <source>The platform files in {path} are damaged or incomplete. Restore the folder from its backup.</source>
        <translation>{path} 中的平台文件已损坏或不完整，请从备份恢复该文件夹。</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>年-月-日</translation>
    </message>
    <message>
        <source>address to listen on (default 127.0.0.1)</source>
        <translation>监听地址（默认 127.0.0.1）</translation>
    </message>
    <message>
        <source>counts of devices, batches, records and conflicts</source>
        <translation>设备、批次、记录和冲突的数量</translation>
    </message>
    <message>
        <source>create the CA, TLS certificate, signing and encryption keys</source>
        <translation>创建 CA、TLS 证书、签名密钥和加密密钥</translation>
    </message>
    <message>
        <source>database URL (default: SQLite in the data directory)</source>
        <translation>数据库地址（默认：数据目录中的 SQLite）</translation>
    </message>
    <message>
        <source>details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>device id</source>
        <translation>设备编号</translation>
    </message>
    <message>
        <source>due date, YYYY-MM-DD (today or later)</source>
        <translation>截止日期，年-月-日（今天或以后）</translation>
    </message>
    <message>
        <source>forget a station&apos;s audit checkpoint after its trail went back (once examined)</source>
        <translation>在警务室的审计记录回退后（经核查）忘记其审计检查点</translation>
    </message>
    <message>
        <source>hand a record to another station (only its devices may change it)</source>
        <translation>将记录移交给另一个警务室（只有该警务室的设备可以修改）</translation>
    </message>
    <message>
        <source>host name or IP for the TLS certificate (repeatable)</source>
        <translation>TLS 证书的主机名或 IP（可多次给出）</translation>
    </message>
    <message>
        <source>how long the code is valid (1–{max}, default 15)</source>
        <translation>注册码有效分钟数（1–{max}，默认 15）</translation>
    </message>
    <message>
        <source>import pre-registrations (JSON list) for a station</source>
        <translation>为警务室导入网上备案（JSON 列表）</translation>
    </message>
    <message>
        <source>kind of record (e.g. resident, property)</source>
        <translation>记录种类（例如“resident”、“property”）</translation>
    </message>
    <message>
        <source>kind of task (default: visit)</source>
        <translation>任务种类（默认：“visit”）</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>分钟数</translation>
    </message>
    <message>
        <source>new batch-encryption key, announced to stations by the downlink</source>
        <translation>新的批次加密密钥，通过下行同步通知各警务室</translation>
    </message>
    <message>
        <source>no database driver for {scheme}</source>
        <translation>没有 {scheme} 的数据库驱动</translation>
    </message>
    <message>
        <source>of which revoked</source>
        <translation>其中已吊销</translation>
    </message>
    <message>
        <source>offline transfer: ingest sealed batches, write receipts</source>
        <translation>离线传输：导入已封装的批次并写出回执</translation>
    </message>
    <message>
        <source>one-time, short-lived enrollment code for a station</source>
        <translation>为警务室生成一次性、短时有效的注册码</translation>
    </message>
    <message>
        <source>platform data directory (keys, config, SQLite)</source>
        <translation>中心平台数据目录（密钥、配置、SQLite）</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>record id</source>
        <translation>记录编号</translation>
    </message>
    <message>
        <source>record type</source>
        <translation>记录种类</translation>
    </message>
    <message>
        <source>refused: {error}</source>
        <translation>被拒绝：{error}</translation>
    </message>
    <message>
        <source>revoke a device</source>
        <translation>吊销设备</translation>
    </message>
    <message>
        <source>send a task to a station the platform knows</source>
        <translation>向中心平台已知的警务室发送任务</translation>
    </message>
    <message>
        <source>serve HTTPS</source>
        <translation>提供 HTTPS 服务</translation>
    </message>
    <message>
        <source>task kind</source>
        <translation>任务种类</translation>
    </message>
    <message>
        <source>the device&apos;s id</source>
        <translation>设备编号</translation>
    </message>
    <message>
        <source>the folder the sealed batches were carried in</source>
        <translation>存放已封装批次的文件夹</translation>
    </message>
    <message>
        <source>the record&apos;s id</source>
        <translation>记录编号</translation>
    </message>
    <message>
        <source>the station that takes the record over</source>
        <translation>接收记录的警务室</translation>
    </message>
    <message>
        <source>the station&apos;s code</source>
        <translation>警务室代码</translation>
    </message>
    <message>
        <source>the task&apos;s title</source>
        <translation>任务标题</translation>
    </message>
    <message>
        <source>title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>what is to be done</source>
        <translation>要做的工作</translation>
    </message>
    <message>
        <source>why (kept with the transfer)</source>
        <translation>原因（随移交一起保存）</translation>
    </message>
    <message>
        <source>{count} batches received; receipts written to {folder}</source>
        <translation>已接收 {count} 个批次；回执已写入 {folder}</translation>
    </message>
    <message>
        <source>{count} pre-registrations queued</source>
        <translation>{count} 条网上备案已排队</translation>
    </message>
    <message>
        <source>{file}: not a list of pre-registrations ({where}: {reason}); expected e.g. {example}</source>
        <translation>{file}：不是网上备案列表（{where}：{reason}），应类似 {example}</translation>
    </message>
    <message>
        <source>{file}: row {row}: field {field} must be text, a number, `true`/`false` or `null`</source>
        <translation>{file}：第 {row} 行：字段 {field} 必须是文本、数字、“true”/“false”或“null”</translation>
    </message>
    <message>
        <source>{file}: the list is empty; nothing to import</source>
        <translation>{file}：列表为空，没有可导入的内容</translation>
    </message>
    <message>
        <source>{kind} {record} now belongs to station {station} (was {before})</source>
        <translation>{kind} {record} 现属于警务室 {station}（原属 {before}）</translation>
    </message>
    <message>
        <source>{label}: {value}</source>
        <translation>{label}：{value}</translation>
    </message>
    <message>
        <source>{path} already holds a platform; nothing was changed. Its keys are the platform&apos;s identity: a second init would cut off every enrolled station.</source>
        <translation>{path} 已有平台，未作任何改动。其密钥即平台身份，重新初始化会使所有已登记站点失联。</translation>
    </message>
    <message>
        <source>{value} is not a database URL (e.g. sqlite:////srv/central/central.sqlite3 or postgresql+psycopg://user@host/db)</source>
        <translation>{value} 不是数据库地址（例如“sqlite:////srv/central/central.sqlite3”或“postgresql+psycopg://user@host/db”）</translation>
    </message>
</context>
<context>
    <name>records</name>
    <message>
        <source>Audit trail entries</source>
        <translation>审计记录</translation>
    </message>
    <message>
        <source>Fingerprints</source>
        <translation>指纹</translation>
    </message>
    <message>
        <source>Identity documents</source>
        <translation>身份证件</translation>
    </message>
    <message>
        <source>Landlord declarations</source>
        <translation>业主申报</translation>
    </message>
    <message>
        <source>Operators</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Other records ({table})</source>
        <translation>其他记录（{table}）</translation>
    </message>
    <message>
        <source>Pre-registrations</source>
        <translation>网上备案</translation>
    </message>
    <message>
        <source>Rental properties</source>
        <translation>出租屋</translation>
    </message>
    <message>
        <source>Residents</source>
        <extracomment>table name → what its rows are, as the label of a count (&quot;Residents: 500&quot;).</extracomment>
        <translation>实有人口</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>房间</translation>
    </message>
    <message>
        <source>Spot checks</source>
        <translation>抽查核查</translation>
    </message>
    <message>
        <source>Sync log entries</source>
        <translation>同步记录</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>任务单</translation>
    </message>
    <message>
        <source>Tenancies (who lives where)</source>
        <translation>人屋捆绑</translation>
    </message>
</context>
<context>
    <name>roles</name>
    <message>
        <source>Administrator</source>
        <extracomment>What each role is called (English source, &quot;roles&quot; context; the app&apos;s role names are the same texts).</extracomment>
        <translation>管理员</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>协管员</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>民警</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>所领导</translation>
    </message>
</context>
<context>
    <name>sam</name>
    <message>
        <source>Card found.</source>
        <translation>寻找证/卡成功。</translation>
    </message>
    <message>
        <source>No card on the reader. Place the ID card flat on the reader.</source>
        <translation>未找到证件，请将身份证平放在阅读器上。</translation>
    </message>
    <message>
        <source>Operation successful.</source>
        <translation>操作成功。</translation>
    </message>
    <message>
        <source>Reading the card failed. Keep the card still on the reader and try again.</source>
        <translation>读卡失败，请将证件平放在阅读器上不要移动，再试一次。</translation>
    </message>
    <message>
        <source>The ID card reader received a command of the wrong length. Try again.</source>
        <translation>身份证阅读器收到的命令长度错误，请重试。</translation>
    </message>
    <message>
        <source>The ID card reader received a damaged command (checksum error). Try again; if it repeats, check the cable.</source>
        <translation>身份证阅读器收到的命令校验和错误，请重试；如反复出现，请检查连接线。</translation>
    </message>
    <message>
        <source>The ID card reader refused an unauthorised operation.</source>
        <translation>身份证阅读器拒绝越权操作。</translation>
    </message>
    <message>
        <source>The ID card reader rejected the command (not supported by this reader).</source>
        <translation>身份证阅读器拒绝了该命令（此阅读器不支持）。</translation>
    </message>
    <message>
        <source>The ID card reader reported an unknown error. Try again.</source>
        <translation>身份证阅读器报告未知错误，请重试。</translation>
    </message>
    <message>
        <source>The ID card reader reported an unknown status (0x{code:02X}). Try again.</source>
        <translation>身份证阅读器返回未知状态（0x{code:02X}），请重试。</translation>
    </message>
    <message>
        <source>The ID card reader&apos;s security module failed its self-test. Restart the reader; if it repeats, it needs service.</source>
        <translation>SAM_V自检失败，不能接收命令。请重启阅读器；如反复出现，请送修。</translation>
    </message>
    <message>
        <source>The ID card reader&apos;s security module is not authorised and cannot be used. Contact the supplier.</source>
        <translation>SAM_V没有经过授权，无法使用，请联系供应商。</translation>
    </message>
    <message>
        <source>The card could not be selected. Lift the card and place it again.</source>
        <translation>选卡失败，请拿开证件后重新放置。</translation>
    </message>
    <message>
        <source>The card did not accept the reader&apos;s security module. Place the card again; if it repeats, the card may be damaged.</source>
        <translation>证/卡认证SAM_V失败，请重新放置证件；如反复出现，证件可能已损坏。</translation>
    </message>
    <message>
        <source>The card has no content for this item.</source>
        <translation>证/卡中此项无内容。</translation>
    </message>
    <message>
        <source>The card&apos;s information failed verification. Place the card again.</source>
        <translation>信息验证错误，请重新放置证件。</translation>
    </message>
    <message>
        <source>The card&apos;s text block has {count} bytes instead of {expected}.</source>
        <translation>证件文字信息为 {count} 字节，应为 {expected} 字节。</translation>
    </message>
    <message>
        <source>The card&apos;s {field} &apos;{value}&apos; is not a valid date.</source>
        <translation>证件上的{field}“{value}”不是有效日期。</translation>
    </message>
    <message>
        <source>The photo on the card is stored in the vendor&apos;s WLT format. The vendor WLT decoder library is not installed, so the photo cannot be shown; the rest of the card was read normally.</source>
        <translation>证件照片为厂商WLT格式，未安装厂商WLT解码库，无法显示照片；证件其他信息已正常读取。</translation>
    </message>
    <message>
        <source>The reader could not authenticate this card. It may not be a genuine ID card, or it is damaged.</source>
        <translation>SAM_V认证证/卡失败，证件可能不是真实身份证或已损坏。</translation>
    </message>
    <message>
        <source>The reader could not get a random number from the card. Place the card again.</source>
        <translation>取随机数失败，请重新放置证件。</translation>
    </message>
    <message>
        <source>The reply from the ID card reader was damaged on the way. Try again; if it repeats, check the cable.</source>
        <translation>身份证阅读器的应答在传输中损坏，请重试；如反复出现，请检查连接线。</translation>
    </message>
    <message>
        <source>This card type is not recognised. Use a resident ID card or residence permit.</source>
        <translation>无法识别的卡类型，请使用居民身份证或居住证。</translation>
    </message>
</context>
<context>
    <name>scanner</name>
    <message>
        <source>Baud must be N = 1..12 (9600·N baud) or one of those rates, e.g. 6 or 57600; not &apos;{raw}&apos;.</source>
        <translation>波特率须为 N = 1..12（9600×N 波特）或对应的速率，例如 6 或 57600；“{raw}”无效。</translation>
    </message>
    <message>
        <source>Packet size must be 32, 64, 128 or 256 bytes; not &apos;{raw}&apos;.</source>
        <translation>数据包大小须为 32、64、128 或 256 字节；“{raw}”无效。</translation>
    </message>
    <message>
        <source>Security level must be 1..5; not &apos;{raw}&apos;.</source>
        <translation>安全等级须为 1..5；“{raw}”无效。</translation>
    </message>
    <message>
        <source>The fingerprint scanner accepted the new {setting} but did not answer afterwards. Power it off and on; it is found again by itself (or run `workstation-admin devices scan`).</source>
        <translation>指纹仪已接受新的{setting}设置，但之后无应答。请断电重启指纹仪，它会被自动重新找到（或运行“workstation-admin devices scan”）。</translation>
    </message>
    <message>
        <source>The fingerprint scanner accepted the new {setting} but did not answer afterwards. Power it off and on; it is found again by itself (or run `workstation-admin devices scan`). The remembered baud is now {baud}.</source>
        <translation>指纹仪已接受新的{setting}设置，但之后无应答。请断电重启指纹仪，它会被自动重新找到（或运行“workstation-admin devices scan”）。已记住的波特率为 {baud}。</translation>
    </message>
    <message>
        <source>The fingerprint scanner refused or did not take the new {setting}; nothing was changed. ({reason})</source>
        <translation>指纹仪拒绝或未接受新的{setting}设置，未作任何更改。（{reason}）</translation>
    </message>
    <message>
        <source>The fingerprint scanner was not found, so nothing was changed. Plug it in, or assign its port (Devices page, or `workstation-admin devices assign fingerprint PORT`). ({status})</source>
        <translation>未找到指纹仪，未作任何更改。请插上设备，或指定其串口（设备页面，或“workstation-admin devices assign fingerprint 串口”）。（{status}）</translation>
    </message>
    <message>
        <source>Unknown setting &apos;{setting}&apos;: use `baud`, `packet-size` or `security` (the module&apos;s password and address are deliberately not offered).</source>
        <translation>未知的设置“{setting}”：可用“baud”、“packet-size”或“security”（不提供更改指纹仪密码和地址）。</translation>
    </message>
    <message>
        <source>baud</source>
        <extracomment>How a setting is named in a sentence (marked; the command line&apos;s names are ``SETTINGS``).</extracomment>
        <translation>波特率</translation>
    </message>
    <message>
        <source>level {level}</source>
        <translation>{level} 级</translation>
    </message>
    <message>
        <source>packet size</source>
        <translation>数据包大小</translation>
    </message>
    <message>
        <source>security level</source>
        <translation>安全等级</translation>
    </message>
    <message>
        <source>{rate} baud (N={n})</source>
        <translation>{rate} 波特（N={n}）</translation>
    </message>
    <message>
        <source>{size} bytes</source>
        <translation>{size} 字节</translation>
    </message>
</context>
<context>
    <name>sim</name>
    <message>
        <source>Already plugged in: {devices}.</source>
        <translation>原已插上：{devices}。</translation>
    </message>
    <message>
        <source>Already unplugged: {devices}.</source>
        <translation>原已拔出：{devices}。</translation>
    </message>
    <message>
        <source>CARD</source>
        <translation>证件</translation>
    </message>
    <message>
        <source>HOST</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>No device “{device}” here. Name one of: {known}.</source>
        <translation>这里没有设备“{device}”。请指明其中之一：{known}。</translation>
    </message>
    <message>
        <source>P</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>Plugged back in: {devices}.</source>
        <translation>已重新插上：{devices}。</translation>
    </message>
    <message>
        <source>SECONDS</source>
        <translation>秒数</translation>
    </message>
    <message>
        <source>Start device emulators</source>
        <translation>启动设备模拟器</translation>
    </message>
    <message>
        <source>The emulators could not start: {reason}</source>
        <translation>模拟设备无法启动：{reason}</translation>
    </message>
    <message>
        <source>Unplugged (as if the cable were pulled): {devices}. Type “replug” to plug back in.</source>
        <extracomment>what `plug` did, told on standard error (the devices by name: &quot;ID card reader, passport reader&quot;)</extracomment>
        <translation>已拔出（如同拔掉连接线）：{devices}。输入“replug”重新插上。</translation>
    </message>
    <message>
        <source>address to listen on with --tcp (default 127.0.0.1)</source>
        <translation>使用 --tcp 时的监听地址（默认 127.0.0.1）</translation>
    </message>
    <message>
        <source>argument --card: no card scenario {card} in {folder} (known: {known})</source>
        <translation>参数 --card：{folder} 中没有证件场景 {card}（已有：{known}）</translation>
    </message>
    <message>
        <source>card on the reader at start (an empty value for none)</source>
        <translation>启动时放在阅读器上的证件（留空表示不放）</translation>
    </message>
    <message>
        <source>corrupt probability</source>
        <translation>损坏概率</translation>
    </message>
    <message>
        <source>drop the link after N bytes sent</source>
        <translation>发送 N 个字节后断开连接</translation>
    </message>
    <message>
        <source>drop-after bytes</source>
        <translation>断开前的字节数</translation>
    </message>
    <message>
        <source>first TCP port (0: any free port)</source>
        <translation>第一个 TCP 端口（0：任意空闲端口）</translation>
    </message>
    <message>
        <source>latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <source>listen on TCP ports (socket://) instead of pty pairs</source>
        <translation>监听 TCP 端口（“socket://”）而不是伪终端对</translation>
    </message>
    <message>
        <source>pace output at the device&apos;s baud (wire timing)</source>
        <translation>按设备波特率控制输出速度（真实线路时序）</translation>
    </message>
    <message>
        <source>port base</source>
        <translation>起始端口</translation>
    </message>
    <message>
        <source>probability of corrupting each byte sent (0–1)</source>
        <translation>每个发送字节被损坏的概率（0–1）</translation>
    </message>
    <message>
        <source>scenario folder</source>
        <translation>场景文件夹</translation>
    </message>
    <message>
        <source>seconds before each reply (0–60)</source>
        <translation>每次应答前等待的秒数（0–60）</translation>
    </message>
    <message>
        <source>“{role}” ({name})</source>
        <extracomment>a device in `NO_SUCH_DEVICE`&apos;s list: the word to type, and what it is</extracomment>
        <translation>“{role}”（{name}）</translation>
    </message>
</context>
<context>
    <name>status</name>
    <message>
        <source>DEMO</source>
        <translation>演示</translation>
    </message>
    <message>
        <source>Demo: synthetic data or emulated devices. Nothing here is a real registration.</source>
        <translation>演示：虚构数据或模拟设备，这里的登记都不是真实登记。</translation>
    </message>
    <message>
        <source>Emulated device (demo).</source>
        <translation>模拟设备（演示）。</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>指纹仪</translation>
    </message>
    <message>
        <source>ID card</source>
        <translation>身份证</translation>
    </message>
    <message>
        <source>Passport</source>
        <translation>护照</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>reading…</source>
        <translation>读取中……</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>searching…</source>
        <translation>查找中……</translation>
    </message>
</context>
<context>
    <name>storage</name>
    <message>
        <source>&apos;{username}&apos; is the last active administrator and cannot be {what}; create or enable another administrator first</source>
        <translation>“{username}”是最后一位在用的管理员，不能被{what}；请先创建或启用另一位管理员。</translation>
    </message>
    <message>
        <source>Backup not made: give a folder to write the backup to.</source>
        <translation>未备份：请指定备份文件夹。</translation>
    </message>
    <message>
        <source>Backup not made: {target} {problem}. Nothing was written.</source>
        <translation>未备份：{target} {problem}，未写入任何内容。</translation>
    </message>
    <message>
        <source>Checking the copy…</source>
        <translation>正在校验副本……</translation>
    </message>
    <message>
        <source>Choose another backup.</source>
        <translation>请选择其他备份。</translation>
    </message>
    <message>
        <source>Copying the encrypted database…</source>
        <extracomment>The steps of a backup, as `backup` reports them to its `progress` callback.</extracomment>
        <translation>正在复制加密数据库……</translation>
    </message>
    <message>
        <source>Finishing the backup…</source>
        <translation>正在完成备份……</translation>
    </message>
    <message>
        <source>No operator named &apos;{shown}&apos;</source>
        <translation>没有名为 &apos;{shown}&apos; 的操作员</translation>
    </message>
    <message>
        <source>No such resident: the record was deleted meanwhile.</source>
        <translation>没有该人员：该记录已被删除。</translation>
    </message>
    <message>
        <source>No workstation database at {path}. Run `workstation-admin init` first.</source>
        <translation>{path} 处没有工作站数据库，请先运行“workstation-admin init”。</translation>
    </message>
    <message>
        <source>Put back the key file from the backup made with this database (workstation.db.keys in the backup folder) and unlock with that backup&apos;s recovery passphrase. Nothing was changed.</source>
        <translation>请从与此数据库同时制作的备份中取回密钥文件（备份文件夹中的 workstation.db.keys），并用该备份的恢复口令解锁，数据未作任何改动。</translation>
    </message>
    <message>
        <source>Restore the station from a backup (workstation-admin restore). Nothing was changed.</source>
        <translation>请从备份恢复本站（workstation-admin restore），数据未作任何改动。</translation>
    </message>
    <message>
        <source>Room {room} cannot be removed: {count} tenant(s) are bound to it now. End or move their bindings first.</source>
        <translation>{room} 房间不能删除：目前有 {count} 名住户捆绑在此。请先解除捆绑或为其换房。</translation>
    </message>
    <message>
        <source>Someone changed this record meanwhile (version {current}, you edited {base}). Reload it and apply your change again.</source>
        <translation>该记录已被他人修改（当前版本 {current}，您编辑的是版本 {base}）。请重新载入后再修改。</translation>
    </message>
    <message>
        <source>The account &apos;{username}&apos; was changed by an administrator (disabled, new role or password reset). Log in again.</source>
        <translation>账号“{username}”已被管理员更改（停用、改变角色或重置密码），请重新登录。</translation>
    </message>
    <message>
        <source>The audit trail is damaged: {problem}. The station is open read-only for an inspection; nothing can be saved. Report this to your supervisor and restore from a backup.</source>
        <translation>审计记录已损坏：{problem}。工作站以只读方式打开以供检查，无法保存任何内容。请报告主管并从备份恢复。</translation>
    </message>
    <message>
        <source>The database key does not open this database. Nothing was changed.</source>
        <translation>数据库密钥无法打开此数据库，数据未作任何改动。</translation>
    </message>
    <message>
        <source>The database {path} cannot be written (read-only file, folder or disk). Nothing was saved; ask the administrator to check the file&apos;s permissions and the disk.</source>
        <translation>数据库 {path} 无法写入（文件、文件夹或磁盘为只读），未保存任何内容。请管理员检查文件权限和磁盘。</translation>
    </message>
    <message>
        <source>The database {path} is damaged. Stop working on this station and ask the administrator to restore it from the latest backup (`workstation-admin restore`).</source>
        <translation>数据库 {path} 已损坏。请停止使用本工作站，并请管理员从最近的备份恢复（“workstation-admin restore”）。</translation>
    </message>
    <message>
        <source>The database {path} is in use by another program. Nothing was saved; try again in a moment, or close the other program (a second workstation, a backup tool).</source>
        <translation>数据库 {path} 正被其他程序占用，未保存任何内容。请稍后重试，或关闭其他程序（另一个工作站、备份工具）。</translation>
    </message>
    <message>
        <source>The disk holding {path} is full. Nothing was saved; free some space and try again.</source>
        <translation>{path} 所在磁盘已满，未保存任何内容。请清理磁盘空间后重试。</translation>
    </message>
    <message>
        <source>The disk reported an error while reading or writing {path}. Nothing was saved; check the disk (cable, USB drive, free space) and try again.</source>
        <translation>读写 {path} 时磁盘报告错误，未保存任何内容。请检查磁盘（连接线、U盘、剩余空间）后重试。</translation>
    </message>
    <message>
        <source>The list position is no longer valid; start the search again.</source>
        <translation>列表位置已失效，请重新搜索。</translation>
    </message>
    <message>
        <source>The passphrase typed back does not match the new recovery passphrase. The key was not changed yet; type it again exactly as shown.</source>
        <translation>输入的口令与新的恢复口令不一致，密钥尚未更换；请按显示内容重新输入。</translation>
    </message>
    <message>
        <source>The record no longer exists: it was deleted meanwhile.</source>
        <translation>该记录已不存在：已被删除。</translation>
    </message>
    <message>
        <source>The recovery passphrase is wrong. Nothing was changed; try again.</source>
        <translation>恢复口令不正确，数据未作任何改动，请重试。</translation>
    </message>
    <message>
        <source>The station in {data_dir} is being re-keyed or restored by an administrator. Try again when that has finished.</source>
        <translation>{data_dir} 中的工作站正在由管理员更换密钥或恢复备份，请在完成后重试。</translation>
    </message>
    <message>
        <source>The station in {data_dir} is open in another program. Close the workstation app (and any other workstation command) first, then try again. Nothing was changed.</source>
        <translation>{data_dir} 中的工作站正被其他程序使用。请先关闭工作站应用（及其他工作站命令）后重试，数据未作任何改动。</translation>
    </message>
    <message>
        <source>The system keyring is not available ({reason}). Unlock with the station recovery passphrase.</source>
        <translation>系统密钥环不可用（{reason}），请使用本站恢复口令解锁。</translation>
    </message>
    <message>
        <source>The workstation app is already running on the station in {data_dir}. Switch to that window.</source>
        <translation>{data_dir} 中的工作站应用已在运行，请切换到该窗口。</translation>
    </message>
    <message>
        <source>This person is already bound to room {room} (since {start}).</source>
        <translation>此人已捆绑到 {room} 房间（自 {start} 起）。</translation>
    </message>
    <message>
        <source>This person is already bound to room {room} at {address} since {start}. Both bindings would run at the same time: confirm that both are right, or move the person instead.</source>
        <translation>此人自 {start} 起已捆绑到 {address} {room} 房间。两处捆绑将同时有效：请确认两处均属实，或改为换房。</translation>
    </message>
    <message>
        <source>Too many failed attempts: logging in with this user name is locked for another minute. An administrator can unlock an account by resetting its password.</source>
        <translation>失败次数过多：该用户名的登录已被锁定，约 1 分钟后解除。管理员可通过重置密码解锁账号。</translation>
    </message>
    <message>
        <source>Too many failed attempts: logging in with this user name is locked for another {minutes} minutes. An administrator can unlock an account by resetting its password.</source>
        <translation>失败次数过多：该用户名的登录已被锁定，还需 {minutes} 分钟解除。管理员可通过重置密码解锁账号。</translation>
    </message>
    <message>
        <source>Writing the key file, anchor and manifest…</source>
        <translation>正在写入密钥文件、审计锚点和清单……</translation>
    </message>
    <message>
        <source>Wrong user name or password. After {max_failed} failed attempts in a row an account is locked for {minutes} minutes; an administrator can unlock it sooner.</source>
        <translation>用户名或密码错误。连续失败 {max_failed} 次后账号将锁定 {minutes} 分钟；管理员可提前解锁。</translation>
    </message>
    <message>
        <source>Your password was reset by an administrator. Choose a new password to continue.</source>
        <translation>您的密码已由管理员重置，请设置新密码后继续。</translation>
    </message>
    <message>
        <source>a declaration cannot be dated in the future</source>
        <translation>申报日期不能晚于今天</translation>
    </message>
    <message>
        <source>a display name has at most {max_display_name} characters</source>
        <translation>显示名称最多 {max_display_name} 个字符</translation>
    </message>
    <message>
        <source>a display name is required</source>
        <translation>必须填写显示名称</translation>
    </message>
    <message>
        <source>a display name may not hold control characters ({shown})</source>
        <translation>显示名称不能包含控制字符（{shown}）</translation>
    </message>
    <message>
        <source>a fingerprint was both taken and skipped: keep one or the other</source>
        <translation>指纹不能既已采集又已跳过：请只保留其中一项</translation>
    </message>
    <message>
        <source>a password has at most {max_password} characters</source>
        <translation>密码最多 {max_password} 个字符</translation>
    </message>
    <message>
        <source>a password needs at least {min_password} characters</source>
        <translation>密码至少需要 {min_password} 个字符</translation>
    </message>
    <message>
        <source>a user name has at most {max_username} characters</source>
        <translation>用户名最多 {max_username} 个字符</translation>
    </message>
    <message>
        <source>a user name is required</source>
        <translation>必须填写用户名</translation>
    </message>
    <message>
        <source>a user name may hold only letters, digits and . _ - (not {shown})</source>
        <translation>用户名只能包含字母、数字和 . _ -（不允许 {shown}）</translation>
    </message>
    <message>
        <source>a whole number of attempts from {low} to {high}</source>
        <translation>请填写 {low} 到 {high} 之间的整数次数</translation>
    </message>
    <message>
        <source>a whole number of days from {low} to {high}</source>
        <extracomment>whole-number settings: (lowest, highest)</extracomment>
        <translation>请填写 {low} 到 {high} 之间的整数天数</translation>
    </message>
    <message>
        <source>a whole number of minutes from {low} to {high}</source>
        <translation>请填写 {low} 到 {high} 之间的整数分钟数</translation>
    </message>
    <message>
        <source>address is required</source>
        <translation>必须填写地址</translation>
    </message>
    <message>
        <source>already holds a backup; choose an empty or new folder</source>
        <translation>中已有备份，请选择空文件夹或新文件夹</translation>
    </message>
    <message>
        <source>at most 200 characters (now {n})</source>
        <translation>最多 200 个字符（现为 {n} 个）</translation>
    </message>
    <message>
        <source>at most 2000 characters (now {n})</source>
        <translation>最多 2000 个字符（现为 {n} 个）</translation>
    </message>
    <message>
        <source>at most {limit} rows at a time</source>
        <translation>每次最多 {limit} 行</translation>
    </message>
    <message>
        <source>capacity must be at least 1</source>
        <translation>可住人数至少为1</translation>
    </message>
    <message>
        <source>choose a result</source>
        <translation>请选择结果</translation>
    </message>
    <message>
        <source>choose another room: the person is bound to this one</source>
        <translation>请选择其他房间：此人已捆绑在本房间</translation>
    </message>
    <message>
        <source>choose one of this station&apos;s assistants</source>
        <translation>请选择本警务室的协管员</translation>
    </message>
    <message>
        <source>choose one of: {choices}</source>
        <translation>请从以下选项中选择：{choices}</translation>
    </message>
    <message>
        <source>could not be written ({reason})</source>
        <translation>无法写入（{reason}）</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>each declared tenant needs a name</source>
        <translation>每位申报租客都需要填写姓名</translation>
    </message>
    <message>
        <source>given another role</source>
        <translation>改为其他角色</translation>
    </message>
    <message>
        <source>grid code is required</source>
        <translation>必须填写网格</translation>
    </message>
    <message>
        <source>is a file, not a folder</source>
        <translation>是文件而不是文件夹</translation>
    </message>
    <message>
        <source>is the station&apos;s own data folder; choose another</source>
        <translation>是本站数据文件夹，请另选</translation>
    </message>
    <message>
        <source>name a person or a room, not both</source>
        <translation>请指明人员或房间，不能同时指明</translation>
    </message>
    <message>
        <source>name is required</source>
        <translation>必须填写姓名</translation>
    </message>
    <message>
        <source>no such finger position</source>
        <translation>没有这个手指位置</translation>
    </message>
    <message>
        <source>no template was captured</source>
        <translation>未采集到指纹模板</translation>
    </message>
    <message>
        <source>quality must be 0–100</source>
        <translation>质量应为0至100</translation>
    </message>
    <message>
        <source>record at least one finding of the visit</source>
        <translation>请至少记录一条走访核查结果</translation>
    </message>
    <message>
        <source>room label is required</source>
        <translation>必须填写房间号</translation>
    </message>
    <message>
        <source>say what did not match</source>
        <translation>请说明哪些情况不一致</translation>
    </message>
    <message>
        <source>say why it is rejected</source>
        <translation>请说明退回原因</translation>
    </message>
    <message>
        <source>say why the record is deleted</source>
        <translation>请说明删除该记录的原因</translation>
    </message>
    <message>
        <source>that binding belongs to another property</source>
        <translation>该人屋捆绑属于其他出租屋</translation>
    </message>
    <message>
        <source>that room belongs to another property</source>
        <translation>该房间属于另一出租屋</translation>
    </message>
    <message>
        <source>the backup copy does not match its BACKUP.json (damaged or altered)</source>
        <translation>备份副本与其 BACKUP.json 不符（已损坏或被改动）</translation>
    </message>
    <message>
        <source>the database file is cut off ({size} bytes)</source>
        <translation>数据库文件已被截断（{size} 字节）</translation>
    </message>
    <message>
        <source>the database file is cut off ({size} of {value} bytes)</source>
        <translation>数据库文件已被截断（{size} / {value} 字节）</translation>
    </message>
    <message>
        <source>the database file is damaged ({count} pages fail their check, first: {value})</source>
        <translation>数据库文件已损坏（{count} 个页面校验失败，第一个：{value}）</translation>
    </message>
    <message>
        <source>the database file is damaged ({exc})</source>
        <translation>数据库文件已损坏（{exc}）</translation>
    </message>
    <message>
        <source>the database file is damaged ({orig})</source>
        <translation>数据库文件已损坏（{orig}）</translation>
    </message>
    <message>
        <source>the database file is empty (0 bytes): it was cut off or never written</source>
        <translation>数据库文件为空（0 字节），已被截断或从未写入</translation>
    </message>
    <message>
        <source>the declarant&apos;s name is required</source>
        <translation>必须填写申报人姓名</translation>
    </message>
    <message>
        <source>the file opens with this station&apos;s key but holds no workstation data (no {tables} table): it was never finished or was replaced</source>
        <translation>文件可用本站密钥打开，但不含工作站数据（缺少 {tables} 表）：它从未完成初始化或已被替换</translation>
    </message>
    <message>
        <source>the key does not open this database or its journal {journal}: the file is damaged, or it belongs to another station (a database, key file or journal copied from elsewhere)</source>
        <translation>密钥无法打开该数据库或其日志文件 {journal}：文件已损坏，或属于其他工作站（从别处复制的数据库、密钥文件或日志）</translation>
    </message>
    <message>
        <source>the key does not open this database: the file is damaged, or it belongs to another station (a database, key file or journal copied from elsewhere)</source>
        <translation>密钥无法打开该数据库：文件已损坏，或属于其他工作站（从别处复制的数据库、密钥文件或日志）</translation>
    </message>
    <message>
        <source>the key file holds a key of the wrong size</source>
        <translation>密钥长度不正确</translation>
    </message>
    <message>
        <source>the key file is damaged (a wrapped key cannot be read)</source>
        <translation>密钥文件已损坏（无法读取其中的密钥）</translation>
    </message>
    <message>
        <source>the key file is damaged (it is not a workstation key file)</source>
        <translation>密钥文件已损坏（不是工作站密钥文件）</translation>
    </message>
    <message>
        <source>the key file is missing</source>
        <translation>密钥文件缺失</translation>
    </message>
    <message>
        <source>the move cannot be before the binding started ({start})</source>
        <translation>换房日期不能早于捆绑开始日期（{start}）</translation>
    </message>
    <message>
        <source>the moving-in date is not a date: write it as 2024-03-01</source>
        <translation>入住日期不是有效日期：请写成 2024-03-01</translation>
    </message>
    <message>
        <source>the new password must differ from the old one</source>
        <extracomment>Audit actions of a password check that count towards a name&apos;s lockout: a login, and a confirmation given at another operator&apos;s desk (`confirm`). Desk session events the trail records besides logging in (`record_session_event`).</extracomment>
        <translation>新密码不能与旧密码相同</translation>
    </message>
    <message>
        <source>the result code is too long</source>
        <translation>结果代码过长</translation>
    </message>
    <message>
        <source>this binding ended on {end}: bind the person to the new room instead</source>
        <translation>该捆绑已于 {end} 结束：请直接将此人捆绑到新房间</translation>
    </message>
    <message>
        <source>this document is already registered; open that resident</source>
        <translation>该证件已登记，请打开该人员的记录</translation>
    </message>
    <message>
        <source>this file is a plain (unencrypted) SQLite database, not a workstation database</source>
        <translation>此文件是未加密的 SQLite 数据库，不是工作站数据库</translation>
    </message>
    <message>
        <source>this is not a complete backup (BACKUP.json is missing or unreadable)</source>
        <translation>这不是完整的备份（BACKUP.json 缺失或无法读取）</translation>
    </message>
    <message>
        <source>this is not a database file (it is a folder or a device)</source>
        <translation>这不是数据库文件</translation>
    </message>
    <message>
        <source>this person is checked twice</source>
        <translation>此人被重复核查</translation>
    </message>
    <message>
        <source>this property has a room {label} already</source>
        <translation>此出租屋已有 {label} 房间</translation>
    </message>
    <message>
        <source>user name &apos;{username}&apos; is taken</source>
        <translation>用户名“{username}”已被使用</translation>
    </message>
    <message>
        <source>{path}: {problem}. {todo}</source>
        <translation>{path}：{problem}。{todo}</translation>
    </message>
</context>
<context>
    <name>supervision</name>
    <message>
        <source>The export could not be written to {path}: {reason}</source>
        <translation>导出文件无法写入 {path}：{reason}</translation>
    </message>
</context>
<context>
    <name>sync</name>
    <message>
        <source>      last error: {error}</source>
        <translation>      最近错误：{error}</translation>
    </message>
    <message>
        <source>A change of this record is on its way to the platform and not acknowledged yet. Sync first, then decide (the platform&apos;s answer may change what there is to decide).</source>
        <translation>该记录有一项修改正在发往中心平台，尚未得到确认。请先同步，再作决定（平台的答复可能改变需要决定的内容）。</translation>
    </message>
    <message>
        <source>Could not fetch the platform&apos;s copy: {error}</source>
        <translation>无法获取中心平台的版本：{error}</translation>
    </message>
    <message>
        <source>Could not fetch updates: {error}</source>
        <translation>无法获取平台下发数据：{error}</translation>
    </message>
    <message>
        <source>Could not reach the platform to enroll: {error}</source>
        <translation>无法连接平台进行注册：{error}</translation>
    </message>
    <message>
        <source>Give a reason for the override.</source>
        <translation>请填写解除原因。</translation>
    </message>
    <message>
        <source>Limits exceeded, but a supervisor override is active: {reasons}. {way_out}</source>
        <translation>已超出限额，但所领导的临时解除仍有效：{reasons}。{way_out}</translation>
    </message>
    <message>
        <source>New registrations are blocked: {reasons}</source>
        <translation>新登记已暂停：{reasons}</translation>
    </message>
    <message>
        <source>No such pending pre-registration.</source>
        <translation>没有该待确认的网上备案。</translation>
    </message>
    <message>
        <source>Not counted: {count} changes that wait for a decision on a sync conflict, not for a sync (decide them on the Sync page).</source>
        <extracomment>The changes the rule leaves out, said beside its state ({count}: `Backlog.for_decision`).</extracomment>
        <translation>未计入：{count} 条修改在等待处理同步冲突，而不是等待同步（请在“同步”页处理）。</translation>
    </message>
    <message>
        <source>Not sent: {error}. It will be retried automatically.</source>
        <translation>未发送：{error}。将自动重试。</translation>
    </message>
    <message>
        <source>Registration is blocked: {reasons}. {way_out}</source>
        <translation>登记已暂停：{reasons}。{way_out}</translation>
    </message>
    <message>
        <source>Registration is open: unsynced work is within the platform&apos;s limits.</source>
        <translation>可以登记：未同步的工作量在平台限额之内。</translation>
    </message>
    <message>
        <source>Replacing the enrollment was not confirmed; nothing was changed.</source>
        <translation>未确认替换注册，未做任何更改。</translation>
    </message>
    <message>
        <source>Sync now (`workstation sync`, or export batches to a USB stick if there is no network), or ask a supervisor for a temporary override.</source>
        <translation>请立即同步（“workstation sync”；无网络时导出批次到U盘），或请所领导临时解除。</translation>
    </message>
    <message>
        <source>The decision is recorded; no record here is changed.</source>
        <translation>决定已记录；本警务室的记录未作改动。</translation>
    </message>
    <message>
        <source>The platform announced a key whose id does not match it.</source>
        <translation>平台密钥编号不符。</translation>
    </message>
    <message>
        <source>The platform certificate does not match the fingerprint you were given.</source>
        <translation>平台证书指纹不符。</translation>
    </message>
    <message>
        <source>The platform expects a different batch sequence: {problem}. This needs an administrator (the local ledger and the platform disagree).</source>
        <translation>平台期望的批次序号不同：{problem}。需要管理员处理（本地台账与平台不一致）。</translation>
    </message>
    <message>
        <source>The platform had a problem ({status}); it will be retried automatically.</source>
        <translation>平台出现问题（{status}），将自动重试。</translation>
    </message>
    <message>
        <source>The platform had deleted this record; it is now deleted here too. The next sync confirms it.</source>
        <translation>中心平台已删除该记录；现在本警务室也已删除。下次同步时向平台确认。</translation>
    </message>
    <message>
        <source>The platform had deleted this record; the next sync sends this station&apos;s version (version {v}) and restores it there.</source>
        <translation>中心平台已删除该记录；下次同步会发送本警务室的版本（第 {v} 版），在平台上恢复它。</translation>
    </message>
    <message>
        <source>The platform had deleted this resident; the resident and their bindings to rooms are now deleted here too. The next sync confirms it.</source>
        <translation>中心平台已删除该实有人口；现在本警务室也已删除此人及其人屋捆绑。下次同步时向平台确认。</translation>
    </message>
    <message>
        <source>The platform holds no copy of this record, so there is no version of its to accept. Keep this station&apos;s version to send it again.</source>
        <translation>中心平台没有该记录，因此没有可接受的平台版本。请保留本警务室的版本，重新发送。</translation>
    </message>
    <message>
        <source>The platform refused enrollment: {problem}</source>
        <translation>平台拒绝注册：{problem}</translation>
    </message>
    <message>
        <source>The platform refused the update request: {problem}</source>
        <translation>平台拒绝下发请求：{problem}</translation>
    </message>
    <message>
        <source>The platform refused this batch: the station&apos;s audit trail (entry {ours}) differs from what it reported before (entry {theirs}). Audit entries may have been removed or the station restored from an older copy. Sync is stopped until an administrator checks the audit trail (workstation-admin verify-audit) and the platform&apos;s administrators release the station.</source>
        <translation>平台拒绝了此批次：本站审计记录（第 {ours} 条）与之前上报的（第 {theirs} 条）不一致。审计记录可能被删除，或本站从较早的副本恢复过。同步已停止，直到管理员检查审计记录（workstation-admin verify-audit）并由平台管理员解除。</translation>
    </message>
    <message>
        <source>The platform refused this batch: the station&apos;s audit trail (entry {ours}) is behind what it reported before (entry {theirs}). Audit entries may have been removed or the station restored from an older copy. Sync is stopped until an administrator checks the audit trail (workstation-admin verify-audit) and the platform&apos;s administrators release the station.</source>
        <translation>平台拒绝了此批次：本站审计记录（第 {ours} 条）落后于之前上报的（第 {theirs} 条）。审计记录可能被删除，或本站从较早的副本恢复过。同步已停止，直到管理员检查审计记录（workstation-admin verify-audit）并由平台管理员解除。</translation>
    </message>
    <message>
        <source>The platform refused this workstation: {problem}. Contact the platform administrator.</source>
        <translation>平台拒绝本工作站：{problem}。请联系平台管理员。</translation>
    </message>
    <message>
        <source>The platform refused to show its copy: {problem}</source>
        <translation>中心平台拒绝提供其版本：{problem}</translation>
    </message>
    <message>
        <source>The platform rejected the batch: {problem}.</source>
        <translation>平台拒收该批次：{problem}。</translation>
    </message>
    <message>
        <source>The platform sent an inconsistent key id.</source>
        <translation>平台密钥编号不一致。</translation>
    </message>
    <message>
        <source>The platform&apos;s answer could not be read.</source>
        <translation>无法读取中心平台的答复。</translation>
    </message>
    <message>
        <source>The platform&apos;s answer could not be verified; the batch will be sent again.</source>
        <translation>平台的应答无法验证，该批次将重新发送。</translation>
    </message>
    <message>
        <source>The platform&apos;s copy changed since you compared the two versions (it is now at version {now}); compare again with what it holds now.</source>
        <translation>比较之后中心平台的记录又有变化（现为第 {now} 版）；请按平台现在的内容重新比较。</translation>
    </message>
    <message>
        <source>The platform&apos;s receipt is for a different batch; the batch will be sent again.</source>
        <translation>平台回执对应的是另一个批次，该批次将重新发送。</translation>
    </message>
    <message>
        <source>The platform&apos;s version cannot be stored here: {problem}. Nothing was changed; keep this station&apos;s version, or ask the platform&apos;s staff to correct their copy.</source>
        <translation>中心平台的版本无法保存到本警务室：{problem}。未作任何改动；请保留本警务室的版本，或请平台工作人员更正其记录。</translation>
    </message>
    <message>
        <source>The platform&apos;s version is now stored here (version {v}); the next sync confirms it to the platform.</source>
        <extracomment>What deciding did (`Resolution.outcome`), in the officer&apos;s words ({v}: the record&apos;s version here afterwards, {p}: the platform&apos;s version it was based on).</extracomment>
        <translation>中心平台的版本已保存到本警务室（第 {v} 版）；下次同步时向平台确认。</translation>
    </message>
    <message>
        <source>The record belongs to another station now, so this station&apos;s change cannot reach the platform. It is withdrawn; the record here is left as it is.</source>
        <translation>该记录现属于其他警务室，本警务室的修改无法提交到中心平台。该修改已撤回；本警务室的记录保持不变。</translation>
    </message>
    <message>
        <source>The record belongs to another station now: the platform does not accept this station&apos;s version of it. Accept the platform&apos;s version to withdraw this station&apos;s change.</source>
        <translation>该记录现属于其他警务室：中心平台不接受本警务室的版本。请选择接受平台的版本，以撤回本警务室的修改。</translation>
    </message>
    <message>
        <source>The record had been deleted here; it is restored with the platform&apos;s version (version {v}). The next sync confirms it to the platform.</source>
        <translation>该记录曾在本警务室删除；现已按中心平台的版本恢复（第 {v} 版）。下次同步时向平台确认。</translation>
    </message>
    <message>
        <source>The record stays deleted here; the next sync asks the platform to delete its copy too.</source>
        <translation>该记录在本警务室保持删除；下次同步会请中心平台也删除其副本。</translation>
    </message>
    <message>
        <source>This conflict was already decided or no longer exists.</source>
        <translation>此冲突已处理或已不存在。</translation>
    </message>
    <message>
        <source>This station no longer keeps the record, so there is no version of its to keep.</source>
        <translation>本警务室已不再保存该记录，没有可保留的版本。</translation>
    </message>
    <message>
        <source>This station&apos;s version stays (version {v}); the next sync sends it to the platform in place of its version {p}.</source>
        <translation>保留本警务室的版本（第 {v} 版）；下次同步会将其发送到中心平台，取代平台的第 {p} 版。</translation>
    </message>
    <message>
        <source>This workstation has been revoked by the platform; it can no longer sync.</source>
        <translation>本工作站已被平台吊销。</translation>
    </message>
    <message>
        <source>This workstation is already enrolled with {platform_url} as device {device_id}. Its enrollment is replaced only when an administrator asks for it explicitly (--replace-enrollment) and confirms.</source>
        <translation>本工作站已在平台 {platform_url} 注册（设备 {device_id}）。只有管理员明确要求（--replace-enrollment）并确认后才能替换注册。</translation>
    </message>
    <message>
        <source>This workstation is not enrolled with the platform yet.</source>
        <translation>本工作站尚未在平台注册。</translation>
    </message>
    <message>
        <source>a SHA-256 fingerprint has 64 hexadecimal digits (0–9, A–F)</source>
        <translation>证书指纹由 64 位十六进制字符（0–9、A–F）组成</translation>
    </message>
    <message>
        <source>a one-time code has at most 64 letters and digits (A–Z, 0–9)</source>
        <translation>一次性注册码最多 64 个字母和数字（A–Z、0–9）</translation>
    </message>
    <message>
        <source>a record with this id already exists on the platform</source>
        <translation>平台上已有相同编号的记录</translation>
    </message>
    <message>
        <source>a station code has 1–32 letters A–Z, digits, - or _</source>
        <translation>警务室代码由 1–32 个字母 A–Z、数字、- 或 _ 组成</translation>
    </message>
    <message>
        <source>batch {seq} acknowledged</source>
        <translation>批次 {seq} 已确认</translation>
    </message>
    <message>
        <source>choose the platform&apos;s CA certificate file</source>
        <translation>请选择平台的 CA 证书文件</translation>
    </message>
    <message>
        <source>give the platform&apos;s https:// address, e.g. https://platform.example:8443</source>
        <translation>请填写平台的 https:// 地址，例如 https://platform.example:8443</translation>
    </message>
    <message>
        <source>it was based on a version the platform holds with other content (an edit not seen here)</source>
        <translation>它所基于的版本在平台上的内容不同（有本站未见过的修改）</translation>
    </message>
    <message>
        <source>it was based on an older version</source>
        <translation>它基于较旧的版本</translation>
    </message>
    <message>
        <source>network error ({kind})</source>
        <translation>网络错误（{kind}）</translation>
    </message>
    <message>
        <source>re-enrolled before the platform acknowledged it: its changes are sent again as device {device}</source>
        <translation>平台确认前已重新注册：其变更将以设备 {device} 的身份重新发送</translation>
    </message>
    <message>
        <source>resending: the platform expects batch {expected}</source>
        <translation>正在重新发送：平台期望批次 {expected}</translation>
    </message>
    <message>
        <source>sending batch {seq} ({count} records)</source>
        <translation>正在发送批次 {seq}（{count} 条记录）</translation>
    </message>
    <message>
        <source>the connection dropped during the transfer</source>
        <translation>传输过程中连接中断</translation>
    </message>
    <message>
        <source>the oldest unsynced change is {hours:.0f} hours old (limit {limit:g} hours)</source>
        <translation>最早未同步记录已{hours:.0f}小时（上限{limit:g}小时）</translation>
    </message>
    <message>
        <source>the platform could not be reached (no network, or the platform is down)</source>
        <translation>无法连接中心平台（没有网络，或平台停机）</translation>
    </message>
    <message>
        <source>the platform did not answer in time</source>
        <translation>中心平台未能及时应答</translation>
    </message>
    <message>
        <source>the platform holds no copy of this record</source>
        <translation>中心平台没有这条记录</translation>
    </message>
    <message>
        <source>the platform&apos;s address is required</source>
        <translation>请填写平台地址</translation>
    </message>
    <message>
        <source>the platform&apos;s certificate is not the one this workstation trusts</source>
        <extracomment>Why a request to the platform failed, by kind of network error (`plain_error`).</extracomment>
        <translation>中心平台的证书不是本工作站信任的证书</translation>
    </message>
    <message>
        <source>the record belongs to another station</source>
        <translation>该记录属于其他警务室</translation>
    </message>
    <message>
        <source>the record belongs to another station: the platform does not show its copy</source>
        <translation>该记录属于另一个警务室：中心平台不提供其版本</translation>
    </message>
    <message>
        <source>there is no file {path}</source>
        <translation>文件 {path} 不存在</translation>
    </message>
    <message>
        <source>type the one-time code the platform gave you</source>
        <translation>请输入平台提供的一次性注册码</translation>
    </message>
    <message>
        <source>{count} changes are waiting to sync (limit {limit})</source>
        <translation>{count}条记录待同步（上限{limit}条）</translation>
    </message>
    <message>
        <source>{host} is neither a host name nor an IP address</source>
        <translation>{host} 既不是主机名也不是 IP 地址</translation>
    </message>
    <message>
        <source>{name} is not a receipt (damaged or another file); nothing after it was applied.</source>
        <translation>{name} 不是回执（已损坏或为其他文件），其后的回执未处理。</translation>
    </message>
    <message>
        <source>{name}: the receipt does not match the batch it names</source>
        <translation>{name}：回执与其所指批次不符</translation>
    </message>
    <message>
        <source>{name}: the receipt&apos;s signature is not valid ({reason}).</source>
        <translation>{name}：回执签名无效（{reason}）。</translation>
    </message>
    <message>
        <source>{path} cannot be read ({reason})</source>
        <translation>无法读取 {path}（{reason}）</translation>
    </message>
    <message>
        <source>{path} is a folder, not a certificate file</source>
        <translation>{path} 是文件夹，不是证书文件</translation>
    </message>
    <message>
        <source>{path} is not a PEM certificate (it should start with `-----BEGIN CERTIFICATE-----`)</source>
        <translation>{path} 不是 PEM 证书（应以“-----BEGIN CERTIFICATE-----”开头）</translation>
    </message>
    <message>
        <source>{path} is too large to be a certificate</source>
        <translation>{path} 太大，不可能是证书</translation>
    </message>
</context>
<context>
    <name>sync-cli</name>
    <message>
        <source>  #{seq} {state}: {count} records, {attempts} attempts, next retry {retry}</source>
        <translation>  #{seq} {state}：{count} 条记录，已尝试 {attempts} 次，下次重试 {retry}</translation>
    </message>
    <message>
        <source>  of which a sync sends: {count} (oldest {oldest})</source>
        <translation>  其中同步会发送的：{count}（最早 {oldest}）</translation>
    </message>
    <message>
        <source>  of which not yet in a batch: {count}</source>
        <translation>  其中尚未打包成批次：{count}</translation>
    </message>
    <message>
        <source>  of which waiting for a decision on a sync conflict, not for a sync: {count}</source>
        <translation>  其中等待处理同步冲突、而非等待同步的：{count}</translation>
    </message>
    <message>
        <source>Batches: {batches}</source>
        <translation>批次：{batches}</translation>
    </message>
    <message>
        <source>Changes a conflict stopped: {changes}</source>
        <translation>因冲突停下的修改：{changes}</translation>
    </message>
    <message>
        <source>Changes not yet acknowledged by the platform: {count} (oldest {oldest})</source>
        <translation>中心平台尚未确认的更改：{count}（最早 {oldest}）</translation>
    </message>
    <message>
        <source>Conflicts to resolve: {count}</source>
        <translation>待处理的冲突：{count}</translation>
    </message>
    <message>
        <source>Device {device} ({status})</source>
        <translation>设备 {device}（{status}）</translation>
    </message>
    <message>
        <source>Enrolled as device {device}</source>
        <translation>已注册为设备 {device}</translation>
    </message>
    <message>
        <source>No receipts (`*.receipt.json`) in {folder}; nothing was acknowledged.</source>
        <translation>{folder} 中没有回执（“*.receipt.json”），未确认任何批次。</translation>
    </message>
    <message>
        <source>Not enrolled with the platform. Use `workstation sync --enroll URL --code CODE --ca FILE`.</source>
        <translation>尚未在中心平台注册。请使用“workstation sync --enroll URL --code CODE --ca FILE”。</translation>
    </message>
    <message>
        <source>Not finished: {error}</source>
        <translation>未完成：{error}</translation>
    </message>
    <message>
        <source>This workstation is enrolled with {url} as device {device} (since {since} UTC).
Batches the old platform acknowledged stay acknowledged; {count} batches it has not acknowledged will be sent to the new platform instead.</source>
        <translation>本工作站已在 {url} 注册为设备 {device}（自 {since} UTC 起）。
原平台已确认的批次保持不变；原平台未确认的 {count} 个批次将改为发送到新平台。</translation>
    </message>
    <message>
        <source>Type the current device id to replace this enrollment: </source>
        <translation>输入当前的设备编号以替换此注册：</translation>
    </message>
    <message>
        <source>`--enroll` needs `--code`, `--station-code` and `--ca`</source>
        <translation>“--enroll”需要“--code”、“--station-code”和“--ca”</translation>
    </message>
    <message>
        <source>administrator who enrolls (default: WORKSTATION_USER or `admin`)</source>
        <translation>执行注册的管理员（默认：WORKSTATION_USER 或“admin”）</translation>
    </message>
    <message>
        <source>enroll with the platform at URL (administrator; needs --code, --station-code and --ca)</source>
        <translation>在给定地址的中心平台注册（管理员；需要 --code、--station-code 和 --ca）</translation>
    </message>
    <message>
        <source>enrollment code</source>
        <translation>注册码</translation>
    </message>
    <message>
        <source>offline transfer: read receipts from a folder</source>
        <translation>离线传输：从文件夹读取回执</translation>
    </message>
    <message>
        <source>offline transfer: write sealed batches to a folder</source>
        <translation>离线传输：将已封装的批次写入文件夹</translation>
    </message>
    <message>
        <source>one-time enrollment code</source>
        <translation>一次性注册码</translation>
    </message>
    <message>
        <source>show what has and has not reached the platform</source>
        <translation>显示哪些数据已到达、哪些尚未到达中心平台</translation>
    </message>
    <message>
        <source>station code the enrollment code was issued for</source>
        <translation>注册码所属的警务室代码</translation>
    </message>
    <message>
        <source>the CA fingerprint given with the code</source>
        <translation>与注册码一起提供的证书指纹</translation>
    </message>
    <message>
        <source>the platform&apos;s CA certificate (PEM)</source>
        <translation>中心平台的 CA 证书（PEM）</translation>
    </message>
    <message>
        <source>upload only</source>
        <translation>只上传</translation>
    </message>
    <message>
        <source>with --enroll: replace this workstation&apos;s existing enrollment (asks for confirmation)</source>
        <translation>与 --enroll 一起使用：替换本工作站现有的注册（会要求确认）</translation>
    </message>
    <message>
        <source>{count} batches acknowledged from receipts in {folder}</source>
        <translation>已根据 {folder} 中的回执确认 {count} 个批次</translation>
    </message>
    <message>
        <source>{count} conflicts need your decision (see `workstation sync --status`)</source>
        <translation>{count} 个冲突需要您处理（见“workstation sync --status”）</translation>
    </message>
    <message>
        <source>{count} sealed batches written to {folder}</source>
        <translation>{count} 个已封装的批次已写入 {folder}</translation>
    </message>
    <message>
        <source>{label} {count}</source>
        <extracomment>one item of a list of counts: &quot;Sealed (signed, waiting to send) 2&quot;</extracomment>
        <translation>{label} {count}</translation>
    </message>
    <message>
        <source>{records} changes acknowledged in {acknowledged} batches; {remaining} batches waiting</source>
        <translation>{acknowledged} 个批次中的 {records} 项更改已被确认；{remaining} 个批次等待中</translation>
    </message>
</context>
<context>
    <name>validation</name>
    <message>
        <source>A 2017 foreigner card number is 3 letters and 12 digits.</source>
        <translation>2017版外国人永久居留身份证号码为3个字母加12位数字。</translation>
    </message>
    <message>
        <source>A 2023 foreigner permanent residence card number starts with 9.</source>
        <translation>2023版外国人永久居留身份证号码以9开头。</translation>
    </message>
    <message>
        <source>A HK/Macau/Taiwan permit number starts with 81, 82 or 83.</source>
        <translation>港澳台居民居住证号码以81、82或83开头。</translation>
    </message>
    <message>
        <source>A code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>A code starts with a letter or a digit.</source>
        <translation>代码须以字母或数字开头。</translation>
    </message>
    <message>
        <source>A document number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>A long-term document has no end date.</source>
        <translation>长期有效的证件没有截止日期。</translation>
    </message>
    <message>
        <source>A mobile number is required.</source>
        <translation>必须填写手机号。</translation>
    </message>
    <message>
        <source>A nationality code</source>
        <translation>国籍代码</translation>
    </message>
    <message>
        <source>A passport number has 5–20 letters and digits.</source>
        <translation>护照号码为5至20位字母和数字。</translation>
    </message>
    <message>
        <source>A phone number</source>
        <translation>电话号码</translation>
    </message>
    <message>
        <source>A travel permit number</source>
        <translation>通行证号码</translation>
    </message>
    <message>
        <source>A visa or permit number</source>
        <translation>签证或居留许可号码</translation>
    </message>
    <message>
        <source>A visa or permit number has 4–32 letters and digits.</source>
        <translation>签证或居留许可号码由 4–32 位字母和数字组成。</translation>
    </message>
    <message>
        <source>A visa-free entry has no visa or permit number.</source>
        <translation>免签入境没有签证或居留许可号码。</translation>
    </message>
    <message>
        <source>An ID number</source>
        <extracomment>How a field is named at the start of a sentence about its characters (`identifier_problems`).</extracomment>
        <translation>身份证号码</translation>
    </message>
    <message>
        <source>An ID number has 18 characters; this one has {count}.</source>
        <translation>身份证号码应为18位，此号码为{count}位。</translation>
    </message>
    <message>
        <source>An ID number may contain only digits, and X as the last character.</source>
        <translation>身份证号码只能由数字组成，最后一位可以是X。</translation>
    </message>
    <message>
        <source>At most {limit} characters.</source>
        <translation>最多 {limit} 个字符。</translation>
    </message>
    <message>
        <source>At most {limit} people in one room.</source>
        <translation>每个房间最多 {limit} 人。</translation>
    </message>
    <message>
        <source>Characters 7–14 ({digits}) are not a real date of birth.</source>
        <translation>第7至14位（{digits}）不是有效的出生日期。</translation>
    </message>
    <message>
        <source>It ends ({end}) before it starts ({start}).</source>
        <translation>结束日期（{end}）早于开始日期（{start}）。</translation>
    </message>
    <message>
        <source>Not a mainland mobile number (11 digits starting 13–19); a number abroad is written with + and the country code (e.g. +852 6123 4567).</source>
        <translation>不是大陆手机号码（11位，以13–19开头）；境外号码请写“+”和国家或地区代码（如 +852 6123 4567）。</translation>
    </message>
    <message>
        <source>Not an international number: write + and the country code, then the number, 8–15 digits in all (e.g. +852 6123 4567).</source>
        <translation>不是有效的境外号码：请写“+”、国家或地区代码和号码，共8–15位数字（如 +852 6123 4567）。</translation>
    </message>
    <message>
        <source>Say which visa or permit the number belongs to.</source>
        <translation>请选择该号码所属的签证或居留许可种类。</translation>
    </message>
    <message>
        <source>The check digit is wrong (the last character should be {expected}); please re-read the card.</source>
        <translation>校验位错误（最后一位应为{expected}），请重新读卡。</translation>
    </message>
    <message>
        <source>The date of birth differs from the one in the ID number ({date}).</source>
        <translation>出生日期与身份证号码中的出生日期（{date}）不一致。</translation>
    </message>
    <message>
        <source>The date of birth in the number ({date}) cannot be after today ({today}).</source>
        <translation>号码中的出生日期（{date}）不能晚于今天（{today}）。</translation>
    </message>
    <message>
        <source>The date of birth in the number ({date}) is before {earliest}.</source>
        <translation>号码中的出生日期（{date}）早于{earliest}。</translation>
    </message>
    <message>
        <source>The date of entry {date} is before the date of birth ({born}).</source>
        <translation>入境日期 {date} 早于出生日期（{born}）。</translation>
    </message>
    <message>
        <source>The intended stay ends ({end}) before the date of entry ({start}).</source>
        <translation>拟停留截止日期（{end}）早于入境日期（{start}）。</translation>
    </message>
    <message>
        <source>The previous card number</source>
        <translation>原证件号码</translation>
    </message>
    <message>
        <source>The sex differs from the ID number (17th digit: odd = male, even = female).</source>
        <translation>性别与身份证号码不一致（第17位：奇数为男，偶数为女）。</translation>
    </message>
    <message>
        <source>The {field} cannot be after today ({today}).</source>
        <translation>{field}不能晚于今天（{today}）。</translation>
    </message>
    <message>
        <source>The {field} is required for a foreign national&apos;s registration.</source>
        <translation>登记境外人员必须填写{field}。</translation>
    </message>
    <message>
        <source>The {field} is required for this document type.</source>
        <translation>此类证件必须填写{field}。</translation>
    </message>
    <message>
        <source>This code is required.</source>
        <translation>请填写此代码。</translation>
    </message>
    <message>
        <source>This is not a valid ID number (its check digit does not match). Check every digit against the document.</source>
        <translation>这不是有效的身份号码（校验位不符），请对照证件逐位核对。</translation>
    </message>
    <message>
        <source>digits</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>digits and Latin letters</source>
        <extracomment>What an identifier may hold, for `identifier_problems`&apos; ``kinds``.</extracomment>
        <translation>数字和拉丁字母</translation>
    </message>
    <message>
        <source>{date} is after {latest}.</source>
        <translation>{date} 晚于 {latest}。</translation>
    </message>
    <message>
        <source>{date} is before {earliest}.</source>
        <translation>{date} 早于 {earliest}。</translation>
    </message>
    <message>
        <source>{label} may contain only {kinds}; {characters} are not allowed.</source>
        <translation>{label}只能包含{kinds}，不允许出现{characters}。</translation>
    </message>
    <message>
        <source>{label} may contain only {kinds}; {characters} is not allowed.</source>
        <translation>{label}只能包含{kinds}，不允许出现{characters}。</translation>
    </message>
    <message>
        <source>“{code}” is not a nationality code of ICAO 9303 (such as CHN, GBR, D, XXA, UNO).</source>
        <translation>“{code}”不是ICAO 9303国籍代码（例如CHN、GBR、D、XXA、UNO）。</translation>
    </message>
    <message>
        <source>“{value}” is not a visa or permit type (such as L, M, Z, Q1, X1).</source>
        <translation>“{value}”不是签证或居留许可种类（如 L、M、Z、Q1、X1）。</translation>
    </message>
</context>
<context>
    <name>zfm</name>
    <message>
        <source>A residual print or an unmoved finger was detected. Lift the finger, clean the glass and press again.</source>
        <translation>检测到残留指纹或手指未移动，请抬起手指、清洁采集窗后重新按压。</translation>
    </message>
    <message>
        <source>Checking this scanner&apos;s own library for the same finger (only enrolments made on this scanner; the check against everyone is done by the platform).</source>
        <translation>正在检查本机指纹模块中是否已有该手指（仅限本机登记过的指纹；与全部人员的比对由平台完成）。</translation>
    </message>
    <message>
        <source>Combining the presses into a template…</source>
        <translation>正在合成指纹模板……</translation>
    </message>
    <message>
        <source>Data from the fingerprint scanner was damaged on the way. Try again; if it repeats, check the cable or use a lower baud rate.</source>
        <translation>指纹仪发来的数据在传输中损坏，请重试；如反复出现，请检查连接线或降低波特率。</translation>
    </message>
    <message>
        <source>Enrolling the {finger}: {presses} presses.</source>
        <translation>开始登记{finger}：需按压{presses}次。</translation>
    </message>
    <message>
        <source>Enrolment cancelled.</source>
        <translation>登记已取消。</translation>
    </message>
    <message>
        <source>Fingerprint enrolment stopped: {reason} Start again when ready.</source>
        <translation>指纹登记已停止：{reason}准备好后请重新开始。</translation>
    </message>
    <message>
        <source>Fingerprint enrolment was cancelled.</source>
        <translation>指纹登记已取消。</translation>
    </message>
    <message>
        <source>Image quality {score}/100 is too low (needs {needed}).</source>
        <translation>图像质量{score}/100过低（需要{needed}）。</translation>
    </message>
    <message>
        <source>Image quality {score}/100.</source>
        <translation>图像质量{score}/100。</translation>
    </message>
    <message>
        <source>Image taken; checking its quality…</source>
        <translation>已采集图像，正在检查质量……</translation>
    </message>
    <message>
        <source>Lift the finger and press again.</source>
        <translation>请抬起手指重新按压。</translation>
    </message>
    <message>
        <source>Lift the finger off the scanner.</source>
        <translation>请抬起手指。</translation>
    </message>
    <message>
        <source>Move the finger to the centre of the glass.</source>
        <translation>请将手指移到采集窗中央。</translation>
    </message>
    <message>
        <source>No finger on the scanner. Place the finger flat on the glass.</source>
        <translation>指纹仪上没有手指，请将手指平放在采集窗上。</translation>
    </message>
    <message>
        <source>No finger was placed in time.</source>
        <translation>等待按压手指超时。</translation>
    </message>
    <message>
        <source>No matching fingerprint in this scanner&apos;s library.</source>
        <translation>本机指纹库中没有匹配的指纹。</translation>
    </message>
    <message>
        <source>Not found on this scanner (local check only; the platform checks against everyone).</source>
        <translation>本机指纹模块中未找到该手指（仅本机检查，与全部人员的比对由平台完成）。</translation>
    </message>
    <message>
        <source>OK.</source>
        <translation>操作成功。</translation>
    </message>
    <message>
        <source>Place the finger flat on the glass.</source>
        <translation>请将手指平放在采集窗上。</translation>
    </message>
    <message>
        <source>Place the {finger} flat on the scanner (press {press} of {presses}).</source>
        <translation>请将{finger}平放在指纹仪上（第{press}次，共{presses}次）。</translation>
    </message>
    <message>
        <source>Press harder and place more of the finger, flat, on the glass.</source>
        <translation>请用力按压，让手指更大面积平放在采集窗上。</translation>
    </message>
    <message>
        <source>Press harder: the print is too light (a very dry finger may need a little moisture).</source>
        <translation>请用力按压：指纹太淡（手指过干可稍加湿润）。</translation>
    </message>
    <message>
        <source>Press {press} of {presses} accepted.</source>
        <translation>第{press}次按压已接受（共{presses}次）。</translation>
    </message>
    <message>
        <source>Reading the template from the scanner…</source>
        <translation>正在从指纹仪读取指纹模板……</translation>
    </message>
    <message>
        <source>Stored on this scanner at page {page}.</source>
        <translation>已存入本机指纹模块第{page}页。</translation>
    </message>
    <message>
        <source>The finger is too wet or pressing too hard: dry the finger and press more gently.</source>
        <translation>手指太湿或按压太重：请擦干手指，轻轻按压。</translation>
    </message>
    <message>
        <source>The finger was not lifted in time.</source>
        <translation>等待抬起手指超时。</translation>
    </message>
    <message>
        <source>The fingerprint image is too unclear to use. Lift the finger and press again.</source>
        <translation>指纹图像太乱，无法提取特征，请抬起手指重新按压。</translation>
    </message>
    <message>
        <source>The fingerprint scanner received a damaged command. Try again; if it repeats, check the cable or use a lower baud rate.</source>
        <translation>指纹仪收到的数据包有误，请重试；如反复出现，请检查连接线或降低波特率。</translation>
    </message>
    <message>
        <source>The fingerprint scanner reported an unknown error (code 0x{code:02X}). Try again.</source>
        <translation>指纹仪报告未知错误（代码0x{code:02X}），请重试。</translation>
    </message>
    <message>
        <source>The fingerprint template is empty.</source>
        <translation>指纹模板为空。</translation>
    </message>
    <message>
        <source>The fingerprints do not match.</source>
        <translation>指纹不匹配。</translation>
    </message>
    <message>
        <source>The image is too dark (wet finger or pressing too hard). Dry the finger and press more gently.</source>
        <translation>图像太深（手指太湿或按压太重），请擦干手指并轻按。</translation>
    </message>
    <message>
        <source>The image is too light (dry finger or light press). Press a little harder.</source>
        <translation>图像太淡（手指太干或按压太轻），请稍用力按压。</translation>
    </message>
    <message>
        <source>The presses could not be combined (perhaps different fingers). Enrol this finger again.</source>
        <translation>多次按压无法合成模板（可能不是同一手指），请重新登记该手指。</translation>
    </message>
    <message>
        <source>The print is faint: lift the finger and press again.</source>
        <translation>指纹不清晰：请抬起手指重新按压。</translation>
    </message>
    <message>
        <source>The print is smudged or blurred: lift the finger, wipe the glass and press again without moving.</source>
        <translation>指纹模糊或有污迹：请抬起手指，擦净采集窗后重新按压，按压时不要移动。</translation>
    </message>
    <message>
        <source>The scanner could not delete the template.</source>
        <translation>删除指纹模板失败。</translation>
    </message>
    <message>
        <source>The scanner could not empty its library.</source>
        <translation>清空指纹库失败。</translation>
    </message>
    <message>
        <source>The scanner could not enter low-power mode.</source>
        <translation>指纹仪进入低功耗模式失败。</translation>
    </message>
    <message>
        <source>The scanner could not operate its communication port.</source>
        <translation>指纹仪通信端口操作失败。</translation>
    </message>
    <message>
        <source>The scanner could not read that stored template (empty or damaged).</source>
        <translation>读取指纹模板出错或模板无效。</translation>
    </message>
    <message>
        <source>The scanner could not receive the data that followed. Try again; if it repeats, check the cable.</source>
        <translation>指纹仪无法接收后续数据包，请重试；如反复出现，请检查连接线。</translation>
    </message>
    <message>
        <source>The scanner could not take the image. Clean the glass and place the finger again.</source>
        <translation>指纹采集失败，请清洁采集窗后重新按压手指。</translation>
    </message>
    <message>
        <source>The scanner could not use this press: {reason}</source>
        <translation>指纹仪无法使用这次按压：{reason}</translation>
    </message>
    <message>
        <source>The scanner could not write its memory (flash error); the module may be failing.</source>
        <translation>指纹仪写入存储器（Flash）出错，模块可能已损坏。</translation>
    </message>
    <message>
        <source>The scanner does not have that setting (invalid register number).</source>
        <translation>指纹仪无此参数（寄存器号无效）。</translation>
    </message>
    <message>
        <source>The scanner failed to execute the command.</source>
        <translation>指纹仪命令执行失败。</translation>
    </message>
    <message>
        <source>The scanner failed to reset.</source>
        <translation>指纹仪复位失败。</translation>
    </message>
    <message>
        <source>The scanner failed to send the image. Try again.</source>
        <translation>指纹仪上传图像失败，请重试。</translation>
    </message>
    <message>
        <source>The scanner failed to send the template. Try again.</source>
        <translation>指纹仪上传模板失败，请重试。</translation>
    </message>
    <message>
        <source>The scanner needs its password verified before anything else, and the station has not done so. Reconnect the scanner; if it repeats, check the scanner password in the station settings.</source>
        <translation>指纹仪要求先验证密码，工作站尚未验证。请重新连接指纹仪；如反复出现，请检查工作站设置中的指纹仪密码。</translation>
    </message>
    <message>
        <source>The scanner refused the password: the module&apos;s password was changed and no longer matches the station&apos;s setting. An administrator must enter the module&apos;s password in the station settings (it cannot be read back from the module).</source>
        <translation>指纹仪密码错误：模块密码已被修改，与本工作站的设置不一致。请管理员在工作站设置中填写模块的密码（密码无法从模块读出）。</translation>
    </message>
    <message>
        <source>The scanner refused the setting value (incorrect register configuration).</source>
        <translation>指纹仪拒绝该参数值（寄存器配置错误）。</translation>
    </message>
    <message>
        <source>The scanner reported a hardware error.</source>
        <translation>指纹仪报告硬件错误。</translation>
    </message>
    <message>
        <source>The scanner reported an undefined error. Try again.</source>
        <translation>指纹仪报告未定义错误，请重试。</translation>
    </message>
    <message>
        <source>The scanner timed out.</source>
        <translation>指纹仪操作超时。</translation>
    </message>
    <message>
        <source>The scanner&apos;s address does not match the station&apos;s setting.</source>
        <translation>指纹仪地址码与工作站设置不一致。</translation>
    </message>
    <message>
        <source>The scanner&apos;s automatic enrolment failed.</source>
        <translation>指纹仪自动登记失败。</translation>
    </message>
    <message>
        <source>The scanner&apos;s fingerprint library is empty.</source>
        <translation>指纹库为空。</translation>
    </message>
    <message>
        <source>The scanner&apos;s fingerprint library is full.</source>
        <translation>指纹仪的指纹库已满。</translation>
    </message>
    <message>
        <source>The scanner&apos;s firmware update failed.</source>
        <translation>指纹仪固件升级失败。</translation>
    </message>
    <message>
        <source>The scanner&apos;s library has no such position (page number out of range).</source>
        <translation>指纹库页码超出范围。</translation>
    </message>
    <message>
        <source>The scanner&apos;s sensor reported a hardware error.</source>
        <translation>指纹传感器硬件错误。</translation>
    </message>
    <message>
        <source>The {finger} is enrolled (quality {quality}/100).</source>
        <translation>{finger}登记完成（质量{quality}/100）。</translation>
    </message>
    <message>
        <source>There is no valid image in the scanner to process. Place the finger again.</source>
        <translation>指纹仪缓冲区中没有有效图像，请重新按压手指。</translation>
    </message>
    <message>
        <source>This finger is already enrolled on this scanner at page {page} (match score {score}). It is not stored again. This is a local check only; the platform checks against everyone.</source>
        <translation>该手指已在本机指纹模块第{page}页登记（比对分数{score}），不再重复存储。此为本机检查，与全部人员的比对由平台完成。</translation>
    </message>
    <message>
        <source>This fingerprint already exists in the scanner&apos;s library.</source>
        <translation>该指纹已存在于指纹库中。</translation>
    </message>
    <message>
        <source>This press does not match the earlier ones. Press the same {finger} again.</source>
        <translation>这次按压与前几次不一致，请再次按压同一{finger}。</translation>
    </message>
    <message>
        <source>This scanner model does not support that command.</source>
        <translation>此型号指纹仪不支持该命令。</translation>
    </message>
    <message>
        <source>This scanner&apos;s library was full; the enrolment at page {page} was removed from the scanner.</source>
        <translation>本机指纹库已满，已从指纹模块删除第{page}页的指纹。</translation>
    </message>
    <message>
        <source>This scanner&apos;s local library is full, so the template is kept by the station only (the local duplicate check will not see it).</source>
        <translation>本机指纹模块的指纹库已满，模板仅保存在工作站（本机重复检查将无法查到该指纹）。</translation>
    </message>
    <message>
        <source>Too few fingerprint features in the image. Place more of the finger, centred, on the glass.</source>
        <translation>指纹特征点太少，请将手指更多面积居中按在采集窗上。</translation>
    </message>
    <message>
        <source>Too many unusable presses of the {finger}; enrolment stopped. Clean the glass and start again.</source>
        <translation>{finger}无效按压次数过多，登记已停止。请清洁采集窗后重新开始。</translation>
    </message>
    <message>
        <source>Wrong notepad page number.</source>
        <translation>记事本页码错误。</translation>
    </message>
    <message>
        <source>finger</source>
        <translation>手指</translation>
    </message>
    <message>
        <source>left index finger</source>
        <translation>左手食指</translation>
    </message>
    <message>
        <source>left little finger</source>
        <translation>左手小指</translation>
    </message>
    <message>
        <source>left middle finger</source>
        <translation>左手中指</translation>
    </message>
    <message>
        <source>left ring finger</source>
        <translation>左手环指</translation>
    </message>
    <message>
        <source>left thumb</source>
        <translation>左手拇指</translation>
    </message>
    <message>
        <source>right index finger</source>
        <translation>右手食指</translation>
    </message>
    <message>
        <source>right little finger</source>
        <translation>右手小指</translation>
    </message>
    <message>
        <source>right middle finger</source>
        <translation>右手中指</translation>
    </message>
    <message>
        <source>right ring finger</source>
        <translation>右手环指</translation>
    </message>
    <message>
        <source>right thumb</source>
        <translation>右手拇指</translation>
    </message>
</context>
</TS>
