<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
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
        <source>Skip the fingerprint</source>
        <translation>跳过指纹采集</translation>
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
    <message>
        <source>Why is no fingerprint taken?</source>
        <translation>为什么不采集指纹？</translation>
    </message>
</context>
<context>
    <name>Registration</name>
    <message>
        <source>%1:</source>
        <translation>%1：</translation>
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
        <source>Child under the age for fingerprints</source>
        <translation>儿童未到采集指纹年龄</translation>
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
        <source>Date of entry: %1</source>
        <translation>入境日期：%1</translation>
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
        <source>Family member</source>
        <translation>家属</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>Finger injured or missing</source>
        <translation>手指受伤或缺失</translation>
    </message>
    <message>
        <source>Fingerprint cannot be read (worn ridges)</source>
        <translation>指纹无法采集（纹线磨损）</translation>
    </message>
    <message>
        <source>Fingerprint scanner out of order</source>
        <translation>指纹仪故障</translation>
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
        <source>Intended stay until: %1</source>
        <translation>拟停留至：%1</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>签发机关</translation>
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
        <source>Residence permit</source>
        <translation>居留许可</translation>
    </message>
    <message>
        <source>Resident ID card</source>
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
        <source>Visa</source>
        <translation>签证</translation>
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
        <source>Visa-free entry</source>
        <translation>免签入境</translation>
    </message>
    <message>
        <source>Visa/permit: %1 %2</source>
        <translation>签证/居留许可：%1 %2</translation>
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
        <source>11-digit mobile number</source>
        <translation>11位手机号码</translation>
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
        <translation>证件信息</translation>
    </message>
    <message>
        <source>Fingerprint not taken: %1</source>
        <translation>未采集指纹：%1</translation>
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
        <source>New registration from the ID card</source>
        <translation>新登记（读取身份证）</translation>
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
        <source>No photo: the card&apos;s photo decoder (WLT) is not installed on this station.</source>
        <translation>无照片：本工作站未安装证件照片（WLT）解码库。</translation>
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
        <source>The card holds no photo that could be shown.</source>
        <translation>证件中没有可显示的照片。</translation>
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
        <source>not a date: write it as 2024-03-01</source>
        <translation>不是有效日期，请按 2024-03-01 的格式填写</translation>
    </message>
    <message>
        <source>required for a foreign national&apos;s registration</source>
        <translation>境外人员登记必须填写</translation>
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
        <source>(expired)</source>
        <translation>（已过期）</translation>
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
        <source>Delete the resident</source>
        <translation>删除人员</translation>
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
        <source>From</source>
        <translation>起</translation>
    </message>
    <message>
        <source>Give the reason for deleting the record.</source>
        <translation>请填写删除该记录的原因。</translation>
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
        <source>Not deleted</source>
        <translation>未删除</translation>
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
        <source>Why is %1 deleted? (recorded in the audit trail)</source>
        <translation>为什么删除%1？（将记入审计日志）</translation>
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
    <message>
        <source>%1 residents</source>
        <translation>共 %1 人</translation>
    </message>
    <message>
        <source>%1 residents shown; scroll for more</source>
        <translation>已显示 %1 人，向下滚动查看更多</translation>
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
        <source>Residents</source>
        <translation>实有人口</translation>
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
        <source>Error: {message}</source>
        <extracomment>The line a console command prints for a user-facing error (``{message}`` already translated).</extracomment>
        <translation>错误：{message}</translation>
    </message>
    <message>
        <source>Not saved: {problems}</source>
        <translation>未保存：{problems}</translation>
    </message>
    <message>
        <source>What to do: {hint}</source>
        <translation>处理办法：{hint}</translation>
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
