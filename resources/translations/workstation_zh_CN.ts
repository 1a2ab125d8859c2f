<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
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
        <source>Lift finger</source>
        <translation>抬起手指</translation>
    </message>
    <message>
        <source>Other finger</source>
        <translation>他人手指</translation>
    </message>
    <message>
        <source>Passport reader</source>
        <translation>护照阅读器</translation>
    </message>
    <message>
        <source>Place card</source>
        <translation>放上证件</translation>
    </message>
    <message>
        <source>Plug in {device}</source>
        <translation>插上{device}</translation>
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
        <source>Stands in for the card, finger and passport you do not have to hand. The emulated devices send what real ones send.</source>
        <translation>代替手头没有的证件、手指和护照。模拟设备发送的数据与真实设备相同。</translation>
    </message>
    <message>
        <source>Swipe passport</source>
        <translation>刷护照</translation>
    </message>
    <message>
        <source>This device is not emulated here.</source>
        <translation>此设备在这里不是模拟设备。</translation>
    </message>
    <message>
        <source>Unplug {device}</source>
        <translation>拔下{device}</translation>
    </message>
</context>
<context>
    <name>LoginScreen</name>
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
        <source>Another operator</source>
        <translation>其他操作员登录</translation>
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
        <source>The desk is locked. {user}, enter your password to continue, or another operator can log in.</source>
        <translation>工作站已锁定。{user}，请输入密码继续；也可由其他操作员登录。</translation>
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
        <source>A card was read, but the registration desk is not installed in this build.</source>
        <translation>已读取证件，但此版本未安装登记功能。</translation>
    </message>
    <message>
        <source>A passport was read, but the registration desk is not installed in this build.</source>
        <translation>已读取护照，但此版本未安装登记功能。</translation>
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
        <translation>注销(&amp;O)</translation>
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
        <source>Sync done: {n} changes reached the platform.</source>
        <translation>同步完成：{n} 条更改已送达平台。</translation>
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
        <source>The registration desk is not installed in this build.</source>
        <translation>此版本未安装登记功能。</translation>
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
    <message>
        <source>⇅ not enrolled with the platform</source>
        <translation>⇅ 未在平台注册</translation>
    </message>
    <message>
        <source>⇅ {n} changes waiting</source>
        <translation>⇅ {n} 条更改待同步</translation>
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
    <name>Startup</name>
    <message>
        <source>Opening the station…</source>
        <translation>正在打开工作站……</translation>
    </message>
    <message>
        <source>Police-room workstation</source>
        <translation>社区警务室工作站</translation>
    </message>
    <message>
        <source>The demo&apos;s central platform did not start; sync is not available in this demo session.</source>
        <translation>演示用的中心平台未能启动；本次演示无法同步。</translation>
    </message>
    <message>
        <source>There is no station in {folder} yet. An administrator sets one up with `workstation-admin init`; to try the workstation, start it with `--demo`.</source>
        <translation>{folder} 中还没有工作站。请管理员用 `workstation-admin init` 创建；如只想试用，请加 `--demo` 启动。</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <source>&lt;b&gt;Ctrl+F&lt;/b&gt;: search residents by name, pinyin, ID number, phone or address.</source>
        <translation>&lt;b&gt;Ctrl+F&lt;/b&gt;：按姓名、拼音、证件号码、电话或地址查询实有人口。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Ctrl+L&lt;/b&gt;: lock the desk when you step away. &lt;b&gt;Alt+1…8&lt;/b&gt;: pages.</source>
        <translation>&lt;b&gt;Ctrl+L&lt;/b&gt;：离开时锁定工作站。&lt;b&gt;Alt+1…8&lt;/b&gt;：切换页面。</translation>
    </message>
    <message>
        <source>&lt;b&gt;F2&lt;/b&gt;: new registration by typing, without a card.</source>
        <translation>&lt;b&gt;F2&lt;/b&gt;：无证件时手工录入新登记。</translation>
    </message>
    <message>
        <source>&lt;b&gt;F5&lt;/b&gt;: sync with the central platform now.</source>
        <translation>&lt;b&gt;F5&lt;/b&gt;：立即与中心平台同步。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Place an ID card on the reader&lt;/b&gt; at any time: a known person opens, an unknown one opens a new registration with the card&apos;s fields filled in.</source>
        <translation>&lt;b&gt;随时把身份证放到阅读器上&lt;/b&gt;：已登记的人员直接打开，未登记的人员打开新登记，证件信息自动填好。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Swipe a passport&lt;/b&gt; on the passport reader to register a foreign national.</source>
        <translation>&lt;b&gt;在护照阅读器上刷护照&lt;/b&gt;，登记境外人员。</translation>
    </message>
    <message>
        <source>Demo station: everything here is synthetic. Use the demo desk on the right to place a card, press a finger, swipe a passport or unplug a device.</source>
        <translation>演示工作站：这里的数据全部是虚构的。可用右侧的演示台放证件、按手指、刷护照或拔下设备。</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>Welcome, {user} ({role})</source>
        <translation>欢迎，{user}（{role}）</translation>
    </message>
</context>
<context>
    <name>devices</name>
    <message>
        <source>No answer from {device}. Check the cable and that the device is powered.</source>
        <translation>{device}无响应，请检查连接线和电源。</translation>
    </message>
    <message>
        <source>The device on {port} was disconnected. Plug it back in; it will reconnect.</source>
        <translation>设备（{port}）已断开，重新插上后会自动重连。</translation>
    </message>
    <message>
        <source>its port</source>
        <translation>串口</translation>
    </message>
    <message>
        <source>the device</source>
        <translation>设备</translation>
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
        <source>date of arrival</source>
        <translation>来本地日期</translation>
    </message>
    <message>
        <source>date of birth</source>
        <translation>出生日期</translation>
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
        <source>sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>start date</source>
        <translation>开始日期</translation>
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
    <name>roles</name>
    <message>
        <source>Administrator</source>
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
        <source>No workstation database at {path}. Run `workstation-admin init` first.</source>
        <translation>{path} 处没有工作站数据库，请先运行 `workstation-admin init`。</translation>
    </message>
    <message>
        <source>The account &apos;{username}&apos; was changed by an administrator (disabled, new role or password reset). Log in again.</source>
        <translation>账号“{username}”已被管理员更改（停用、改变角色或重置密码），请重新登录。</translation>
    </message>
    <message>
        <source>The database key does not open this database. Nothing was changed.</source>
        <translation>数据库密钥无法打开此数据库，数据未作任何改动。</translation>
    </message>
    <message>
        <source>The recovery passphrase is wrong. Nothing was changed; try again.</source>
        <translation>恢复口令不正确，数据未作任何改动，请重试。</translation>
    </message>
    <message>
        <source>The system keyring is not available ({reason}). Unlock with the station recovery passphrase.</source>
        <translation>系统密钥环不可用（{reason}），请使用本站恢复口令解锁。</translation>
    </message>
    <message>
        <source>Your password was reset by an administrator. Choose a new password to continue.</source>
        <translation>您的密码已由管理员重置，请设置新密码后继续。</translation>
    </message>
</context>
</TS>
