<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
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
