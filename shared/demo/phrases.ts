/**
 * Sentences the demo threads are composed from, in English and Simplified Chinese. A message is a
 * greeting, one or two topic sentences and a closing; {placeholders} are filled per ticket, so
 * 100k tickets read like real mail without repeating one text verbatim too often.
 */
import type { Locale } from '../domain/enums.ts';

export const TOPICS = ['billing', 'login', 'shipping', 'refund', 'bug', 'onboarding', 'feature', 'account'] as const;
export type Topic = (typeof TOPICS)[number];

interface TopicPhrases {
  subjects: string[];
  /** The customer's first message. */
  opening: string[];
  /** Later customer messages. */
  followUp: string[];
  /** Public agent replies. */
  reply: string[];
  /** Internal notes between agents. */
  note: string[];
}

const en: Record<Topic, TopicPhrases> = {
  billing: {
    subjects: [
      'Charged twice for invoice {invoice}',
      'Question about my {month} invoice',
      'VAT number missing on invoice {invoice}',
      'Why did my plan price change?',
      'Payment failed but card is valid',
    ],
    opening: [
      'I was charged twice for invoice {invoice} ({amount}). Could you check and refund the duplicate payment?',
      'Our {month} invoice shows {seats} seats, but we only have {seatsLess} active users. Can you correct it?',
      'The invoice {invoice} is missing our VAT number, and our finance team cannot book it without one.',
      'My card payment was declined this morning although the card works everywhere else.',
    ],
    followUp: [
      'I checked with our bank and the payment really went through twice.',
      'Thanks. When will the corrected invoice be ready?',
      'Our finance team needs this before the end of the month.',
    ],
    reply: [
      'I can see the duplicate charge of {amount} on invoice {invoice}. I have issued a refund; it usually takes 3-5 business days to appear.',
      'I have corrected the seat count and attached a revised invoice. The difference will be credited on your next bill.',
      'I added your VAT number to the account and re-issued invoice {invoice}.',
      'The payment was declined by the card issuer with a 3-D Secure error. Could you try again and approve the request in your banking app?',
    ],
    note: [
      'Duplicate capture confirmed in the payment provider dashboard.',
      'Customer is on the annual plan; credit instead of refund if they agree.',
      'Finance approved the credit note.',
    ],
  },
  login: {
    subjects: [
      'Cannot log in after password reset',
      'Two-factor code never arrives',
      'Locked out of my account',
      'SSO login redirects in a loop',
    ],
    opening: [
      'I reset my password twice but I still get "invalid credentials" when I try to sign in.',
      'The two-factor code never arrives by SMS. I have tried for an hour now.',
      'Our team cannot sign in with SSO since this morning; the page keeps redirecting back to the login screen.',
      'My account is locked after too many attempts and I need access for a meeting at {time}.',
    ],
    followUp: [
      'Still the same problem, I cleared cookies as suggested.',
      'It works on my phone but not on my laptop.',
      'Any update? Half of the team is blocked.',
    ],
    reply: [
      'I have unlocked your account. Please use the reset link I just sent; it is valid for 30 minutes.',
      'SMS delivery to your carrier is delayed right now. I switched your second factor to the authenticator app as a workaround.',
      'The SSO certificate on your identity provider expired yesterday. Once your admin uploads the new one, sign-in will work again.',
    ],
    note: [
      'Checked auth logs: repeated failures from an old saved password.',
      'IdP certificate expired on their side, not ours.',
      'Escalating to tier 2 for the SAML trace.',
    ],
  },
  shipping: {
    subjects: [
      'Order {order} has not arrived',
      'Wrong item delivered for order {order}',
      'Tracking number does not work',
      'Can I change my delivery address?',
    ],
    opening: [
      'My order {order} was supposed to arrive on {date} but the tracking has not moved for four days.',
      'I received the wrong item in order {order}: I ordered the {product} but got something else.',
      'The tracking number in the confirmation email says "not found" on the carrier website.',
      'I am moving next week. Can I still change the delivery address for order {order}?',
    ],
    followUp: [
      'The carrier says the parcel is with you, not with them.',
      'I attached a photo of the label.',
      'I really need it before the weekend.',
    ],
    reply: [
      'I contacted the carrier: the parcel was held at the depot and will be delivered tomorrow.',
      'Sorry about the mix-up. I have sent the correct {product} by express; you can keep the other item.',
      'The address is updated for order {order}. You will get a new confirmation email shortly.',
    ],
    note: ['Carrier claim opened, reference {invoice}.', 'Warehouse confirmed a picking error on this batch.'],
  },
  refund: {
    subjects: [
      'Refund request for order {order}',
      'Where is my refund?',
      'Cancel my subscription and refund',
      'Partial refund for damaged item',
    ],
    opening: [
      'I would like to return the {product} from order {order} and get a refund. It does not fit our needs.',
      'I returned my order two weeks ago and still have not received the refund of {amount}.',
      'Please cancel my subscription; I was charged after the trial although I cancelled on {date}.',
    ],
    followUp: [
      'I have the return receipt if you need it.',
      'The refund still does not show on my statement.',
      'OK, a partial refund would be acceptable.',
    ],
    reply: [
      'Your refund of {amount} was processed today. Depending on your bank it can take up to 5 business days.',
      'I have cancelled the subscription and refunded the last charge. You will keep access until the end of the period.',
      'We received the returned {product}; the refund is on its way.',
    ],
    note: ['Within the 30-day window, refund approved.', 'Outside return window; offered store credit per policy.'],
  },
  bug: {
    subjects: [
      'Export to CSV fails with an error',
      'Dashboard shows wrong totals',
      'App crashes when uploading a file',
      'Search returns no results for existing records',
    ],
    opening: [
      'When I export the report to CSV I get "Something went wrong" and nothing downloads. It worked last week.',
      'The dashboard total for {month} is {amount} but the detailed report adds up to a different number.',
      'The desktop app closes as soon as I upload a PDF bigger than a few megabytes.',
      'Searching for a customer I know exists returns nothing since the last update.',
    ],
    followUp: [
      'I can reproduce it every time, steps attached.',
      'It also happens to my colleague.',
      'Is there a workaround until it is fixed?',
    ],
    reply: [
      'Thanks for the detailed steps: I reproduced the problem and our engineers are working on a fix. As a workaround, export smaller date ranges.',
      'This was caused by a time-zone issue in the report; it is fixed now. Please refresh the dashboard.',
      'The fix is included in version {version}, which will roll out this week.',
    ],
    note: [
      'Reproduced on staging, bug filed for engineering.',
      'Same root cause as the incident last Tuesday; linking tickets.',
      'Engineering says fix ships in {version}.',
    ],
  },
  onboarding: {
    subjects: [
      'Help setting up our workspace',
      'How do I import our existing customers?',
      'Training session for new team members',
      'Best way to configure user roles',
    ],
    opening: [
      'We just signed up and would like help setting up our workspace for a team of {seats} people.',
      'How can I import our existing customers from a spreadsheet? We have about {seats}00 rows.',
      'We have five new agents starting on {date}. Do you offer a training session?',
    ],
    followUp: [
      'The import worked, thank you! One more question about custom fields.',
      'Thursday afternoon works for us.',
      'Could you also send the recording?',
    ],
    reply: [
      'Welcome aboard! I have booked a 45-minute onboarding call for {date} and sent the invitation to your admin.',
      'You can import customers from CSV under Settings > Import. I attached a template with the expected columns.',
      'Here is our getting-started guide; step 3 covers roles and permissions.',
    ],
    note: ['New enterprise customer, assign the onboarding specialist.', 'Kick-off done, follow-up check-in in 30 days.'],
  },
  feature: {
    subjects: [
      'Feature request: dark mode for reports',
      'Can we schedule exports?',
      'API access for our CRM integration',
      'Request: bulk edit of records',
    ],
    opening: [
      'It would help us a lot to schedule the weekly export instead of running it by hand every Monday.',
      'Do you have an API we can use to sync contacts with our CRM?',
      'Is there a way to edit many records at once? We need to change the owner of about {seats}0 records.',
    ],
    followUp: ['Good to know, please add our vote.', 'Is this on the roadmap for this year?'],
    reply: [
      'Thanks for the suggestion, I have passed it on to our product team and added your vote.',
      'Yes: the REST API is available on your plan. The documentation and an API key are under Settings > Developers.',
      'Bulk edit is available from the list view: select the rows and choose "Edit selected".',
    ],
    note: ['Logged the request in the product board.', 'Third request for scheduled exports this month.'],
  },
  account: {
    subjects: ['Change the account owner', 'Add more seats to our plan', 'Update company name and address', 'Close our account'],
    opening: [
      'Our previous admin left the company. Please transfer ownership of the account to me.',
      'We need {seats} more seats starting next month. What would the new price be?',
      'We changed our company name; please update it on the account and on future invoices.',
    ],
    followUp: ['I am the new finance contact, you can reach me at this address.', 'Attached is the signed authorization.'],
    reply: [
      'I have transferred the account ownership to you and notified the previous admin.',
      'Adding {seats} seats would bring your plan to {amount} per year. Reply to confirm and I will update it.',
      'The company name is updated; the next invoice will use the new name.',
    ],
    note: ['Verified the request with the signed authorization.', 'Upsell opportunity, looping in the account manager.'],
  },
};

const zh: Record<Topic, TopicPhrases> = {
  billing: {
    subjects: ['发票 {invoice} 被重复扣款', '关于 {month} 账单的疑问', '发票缺少税号', '套餐价格为什么变了？', '银行卡正常但付款失败'],
    opening: [
      '我们的发票 {invoice} 被扣了两次款（{amount}），请帮忙核实并退还重复的款项。',
      '{month} 的账单显示 {seats} 个席位，但我们实际只有 {seatsLess} 个活跃用户，麻烦更正一下。',
      '发票 {invoice} 上没有我们公司的税号，财务无法入账。',
      '今天上午用银行卡付款被拒绝了，但这张卡在其他地方都能正常使用。',
    ],
    followUp: ['我问过银行了，确实扣了两次款。', '谢谢！更正后的发票什么时候能开好？', '财务需要在月底前拿到。'],
    reply: [
      '我看到发票 {invoice} 确实重复扣款 {amount}，已经为您办理退款，一般 3 到 5 个工作日到账。',
      '席位数量已经更正，附件是新的发票，差额会在下一期账单中抵扣。',
      '已将贵公司的税号添加到账户，并重新开具了发票 {invoice}。',
      '发卡行以 3-D 安全验证失败为由拒绝了这笔付款，请重新支付并在手机银行中确认。',
    ],
    note: ['支付后台确认重复扣款。', '客户是年付套餐，如同意可改为抵扣。', '财务已批准红字发票。'],
  },
  login: {
    subjects: ['重置密码后仍无法登录', '收不到两步验证码', '账户被锁定', '单点登录一直循环跳转'],
    opening: [
      '我已经重置了两次密码，登录时还是提示"用户名或密码错误"。',
      '两步验证的短信一直收不到，已经试了一个小时了。',
      '从今天早上开始，我们团队用单点登录时页面一直跳回登录页。',
      '尝试次数太多，账户被锁定了，{time} 开会前必须能登录。',
    ],
    followUp: ['按您说的清除了缓存，问题还是一样。', '手机上可以登录，电脑上不行。', '有进展吗？团队一半的人都登录不了。'],
    reply: [
      '已为您解锁账户，请使用刚发送的重置链接，30 分钟内有效。',
      '目前您所在运营商的短信有延迟，我已把第二验证方式切换为身份验证器应用。',
      '贵方身份提供商的证书昨天已过期，管理员上传新证书后即可正常登录。',
    ],
    note: ['查看了认证日志：一直在使用旧密码重试。', '证书是客户那边过期的。', '升级到二线，需要 SAML 日志。'],
  },
  shipping: {
    subjects: ['订单 {order} 还没有收到', '订单 {order} 发错货了', '快递单号查不到', '可以修改收货地址吗？'],
    opening: [
      '我的订单 {order} 原定 {date} 送达，但物流信息已经四天没有更新了。',
      '订单 {order} 收到的商品不对，我买的是{product}，寄来的却是别的东西。',
      '确认邮件里的快递单号在快递公司网站上查不到。',
      '我下周要搬家，订单 {order} 还能改收货地址吗？',
    ],
    followUp: ['快递公司说包裹在你们那里。', '附上了面单的照片。', '周末前一定要收到。'],
    reply: [
      '我联系了快递公司，包裹滞留在网点，明天会为您派送。',
      '非常抱歉发错了货，已为您加急补发{product}，之前的商品不用寄回。',
      '订单 {order} 的收货地址已修改，稍后您会收到新的确认邮件。',
    ],
    note: ['已向快递公司提交理赔，编号 {invoice}。', '仓库确认这批货拣货出错。'],
  },
  refund: {
    subjects: ['订单 {order} 申请退款', '退款什么时候到账？', '取消订阅并退款', '商品损坏申请部分退款'],
    opening: [
      '我想退回订单 {order} 里的{product}并申请退款，不太适合我们的需求。',
      '两周前已经寄回商品，退款 {amount} 到现在还没到账。',
      '请取消我的订阅。我在 {date} 就取消了试用，但还是被扣费了。',
    ],
    followUp: ['需要的话我可以提供退货凭证。', '账单上还是看不到退款。', '好的，部分退款也可以接受。'],
    reply: [
      '您的退款 {amount} 今天已经处理，根据银行不同，最多需要 5 个工作日到账。',
      '已为您取消订阅并退还最后一笔费用，本期结束前仍可正常使用。',
      '我们已收到退回的{product}，退款正在处理中。',
    ],
    note: ['在 30 天退货期内，同意退款。', '已超过退货期，按政策提供代金券。'],
  },
  bug: {
    subjects: ['导出 CSV 时报错', '仪表盘合计数字不对', '上传文件时应用崩溃', '搜索不到已有的记录'],
    opening: [
      '导出报表为 CSV 时提示"出错了"，什么都没有下载，上周还是好的。',
      '仪表盘上 {month} 的合计是 {amount}，但明细报表加起来的数字不一样。',
      '上传超过几兆的 PDF 时，桌面应用会直接退出。',
      '更新之后，搜索一个确定存在的客户却什么都搜不到。',
    ],
    followUp: ['每次都能复现，步骤见附件。', '我同事也遇到了同样的问题。', '修复之前有没有临时办法？'],
    reply: [
      '感谢您提供详细步骤，我们已复现该问题，工程师正在修复。临时办法是缩小导出的日期范围。',
      '这是报表中的时区问题导致的，现在已经修复，请刷新仪表盘。',
      '修复已包含在 {version} 版本中，本周内发布。',
    ],
    note: ['测试环境已复现，已提交缺陷给研发。', '和上周二的故障是同一个原因，已关联工单。', '研发说 {version} 会修复。'],
  },
  onboarding: {
    subjects: ['需要帮助配置工作区', '如何导入现有客户？', '新员工培训', '用户角色怎么配置比较好'],
    opening: [
      '我们刚注册，希望帮忙为 {seats} 人的团队配置工作区。',
      '怎样从表格导入现有客户？我们大约有 {seats}00 行数据。',
      '我们有五名新客服 {date} 入职，请问你们提供培训吗？',
    ],
    followUp: ['导入成功了，谢谢！还有一个关于自定义字段的问题。', '周四下午我们有空。', '可以把录屏也发给我们吗？'],
    reply: [
      '欢迎使用！已为您预约 {date} 45 分钟的入门培训，邀请已发送给管理员。',
      '可以在"设置 > 导入"中通过 CSV 导入客户，附件是字段模板。',
      '这是我们的入门指南，第三步介绍了角色和权限。',
    ],
    note: ['新的企业客户，安排入门专员跟进。', '启动会已完成，30 天后回访。'],
  },
  feature: {
    subjects: ['功能建议：定时导出', '有没有开放 API？', '希望支持批量编辑', '报表能否支持深色模式'],
    opening: [
      '如果能定时导出周报就好了，现在每周一都要手动导出。',
      '请问有没有 API 可以和我们的 CRM 同步联系人？',
      '能否一次修改多条记录？我们需要更改大约 {seats}0 条记录的负责人。',
    ],
    followUp: ['好的，请帮我们也投一票。', '今年的路线图里有这个吗？'],
    reply: [
      '感谢您的建议，已转给产品团队并为您投票。',
      '有的：您的套餐包含 REST API，文档和密钥在"设置 > 开发者"中。',
      '列表视图支持批量编辑：选中记录后点击"编辑所选"即可。',
    ],
    note: ['已记录到产品需求看板。', '本月第三次有人要定时导出。'],
  },
  account: {
    subjects: ['更改账户所有者', '增加套餐席位', '更新公司名称和地址', '注销我们的账户'],
    opening: [
      '我们原来的管理员离职了，请把账户所有权转给我。',
      '下个月开始需要增加 {seats} 个席位，新的价格是多少？',
      '公司已更名，请更新账户信息和以后的发票抬头。',
    ],
    followUp: ['我是新的财务联系人，以后请联系这个邮箱。', '附件是签字的授权书。'],
    reply: [
      '已将账户所有权转给您，并通知了原管理员。',
      '增加 {seats} 个席位后，年费为 {amount}。回复确认后我会为您调整。',
      '公司名称已更新，下一张发票将使用新名称。',
    ],
    note: ['已根据签字授权书核实。', '有增购机会，已通知客户经理。'],
  },
};

export const PHRASES: Record<Locale, Record<Topic, TopicPhrases>> = { en, 'zh-CN': zh };

export const GREETINGS: Record<Locale, { customer: string[]; agent: string[] }> = {
  en: {
    customer: ['Hello,', 'Hi there,', 'Hi support team,', 'Good morning,', ''],
    agent: ['Hi {first},', 'Hello {first},', 'Dear {first},'],
  },
  'zh-CN': { customer: ['您好，', '你好，', '客服你好，', ''], agent: ['{name}您好，', '您好，', '尊敬的{name}，'] },
};

export const CLOSINGS: Record<Locale, { customer: string[]; agent: string[] }> = {
  en: {
    customer: ['Thanks, {first}', 'Best regards, {name}', 'Thank you in advance.', 'Cheers, {first}', ''],
    agent: ['Best regards, {agent}', 'Let me know if there is anything else I can do. {agent}', 'Kind regards, {agent}'],
  },
  'zh-CN': {
    customer: ['谢谢！', '麻烦尽快处理，谢谢。', '{name}', '盼复。'],
    agent: ['如有其他问题，请随时联系我们。{agent}', '祝好！{agent}', '感谢您的耐心。{agent}'],
  },
};

/** Why an agent escalated: the free text a person types, in the ticket's language. */
export const ESCALATION_REASONS: Record<Locale, string[]> = {
  en: ['Needs engineering to look at the logs.', 'Customer asked for a manager.', 'Outside what first-line support can change.'],
  'zh-CN': ['需要研发查看日志。', '客户要求主管处理。', '超出一线支持的处理权限。'],
};

export const PRODUCTS: Record<Locale, string[]> = {
  en: [
    'wireless headset',
    'standing desk',
    'barcode scanner',
    'label printer',
    'Pro plan licence',
    'USB-C dock',
    'ergonomic chair',
    'webcam',
  ],
  'zh-CN': ['无线耳机', '升降桌', '扫码枪', '标签打印机', '专业版许可证', '扩展坞', '人体工学椅', '摄像头'],
};

export const MONTHS: Record<Locale, string[]> = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  'zh-CN': ['1 月', '2 月', '3 月', '4 月', '5 月', '6 月', '7 月', '8 月', '9 月', '10 月', '11 月', '12 月'],
};

/** Tags each topic tends to carry; tickets get one or two of these plus the odd general one. */
export const TOPIC_TAGS: Record<Topic, string[]> = {
  billing: ['billing', 'invoice', 'payment'],
  login: ['login', 'sso', '2fa'],
  shipping: ['shipping', 'delivery', 'carrier'],
  refund: ['refund', 'return', 'cancellation'],
  bug: ['bug', 'export', 'desktop-app'],
  onboarding: ['onboarding', 'training', 'import'],
  feature: ['feature-request', 'api', 'roadmap'],
  account: ['account', 'seats', 'ownership'],
};
export const EXTRA_TAGS = ['vip', 'churn-risk', 'mobile', 'follow-up', 'needs-engineering', 'wechat'];

export const KB_ARTICLES: Record<Locale, { title: string; body: string; tags: string[] }[]> = {
  en: [
    {
      title: 'How refunds work',
      body: 'Refunds are issued to the original payment method within 5 business days. Orders can be returned within 30 days of delivery. Subscriptions are refunded pro rata when cancelled within the first 14 days.',
      tags: ['refund', 'billing'],
    },
    {
      title: 'Resetting your password',
      body: 'Use "Forgot password" on the sign-in page. The reset link is valid for 30 minutes. If your account is locked after too many attempts, wait 15 minutes or contact support.',
      tags: ['login'],
    },
    {
      title: 'Setting up single sign-on (SAML)',
      body: 'Upload your identity provider metadata under Settings > Security. Remember to renew the signing certificate before it expires, or sign-in will redirect in a loop.',
      tags: ['sso', 'login'],
    },
    {
      title: 'Importing customers from CSV',
      body: 'Go to Settings > Import and upload a CSV file with the columns name, email, phone and company. Up to 50,000 rows are imported per file.',
      tags: ['import', 'onboarding'],
    },
    {
      title: 'Tracking your delivery',
      body: 'The tracking number is in your shipping confirmation. Carriers update tracking within 24 hours of pick-up; contact us if it has not moved for three business days.',
      tags: ['shipping'],
    },
    {
      title: 'Understanding your invoice',
      body: 'Invoices list active seats per month, taxes and credits. Add your VAT number under Billing > Company details so it appears on every invoice.',
      tags: ['invoice', 'billing'],
    },
    {
      title: 'Draft: exporting reports on a schedule',
      body: 'Scheduled exports are being tested with a few customers. This article will describe how to set them up.',
      tags: ['export'],
    },
  ],
  'zh-CN': [
    {
      title: '退款说明',
      body: '退款将在 5 个工作日内原路退回。商品签收后 30 天内可以退货。订阅在开通后 14 天内取消可按比例退款。',
      tags: ['refund', 'billing'],
    },
    {
      title: '如何重置密码',
      body: '在登录页点击"忘记密码"。重置链接 30 分钟内有效。如果尝试次数过多导致账户锁定，请等待 15 分钟或联系客服。',
      tags: ['login'],
    },
    {
      title: '配置单点登录（SAML）',
      body: '在"设置 > 安全"中上传身份提供商的元数据。请在签名证书过期前及时更新，否则登录会循环跳转。',
      tags: ['sso', 'login'],
    },
    {
      title: '通过 CSV 导入客户',
      body: '进入"设置 > 导入"，上传包含姓名、邮箱、电话和公司列的 CSV 文件。每个文件最多导入 50,000 行。',
      tags: ['import', 'onboarding'],
    },
    {
      title: '查询物流信息',
      body: '快递单号在发货确认邮件中。快递公司会在揽收后 24 小时内更新物流，如果三个工作日没有更新，请联系我们。',
      tags: ['shipping'],
    },
    {
      title: '看懂您的发票',
      body: '发票列出每月的活跃席位、税费和抵扣。请在"账单 > 公司信息"中填写税号，以便每张发票都显示。',
      tags: ['invoice', 'billing'],
    },
  ],
};
