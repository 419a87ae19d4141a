/**
 * The demo agreement: a provincial quy chế phối hợp between the civil judgment enforcement office,
 * the court, the procuracy and the police of Phú Thọ, modelled on the Hải Dương regulation
 * (01/2022/QCPHLN/CTHADS-VKSND-TAND-CA): three chapters, articles with clauses and points, and
 * cross-references. The demo action items cite Điều 8, 11 and 12, whose ids are exported.
 *
 * Ids are written from each node's place in this text ("demo-a08-k1-a"): they must be stable so
 * that seeded action items can point at an article, but like every id they carry no meaning once
 * the text is edited.
 */
import type { LegalNodeJSON } from './numbering.ts';

export { legalJSONToYUpdate } from './ydoc.ts';

export const DEMO_AGREEMENT_TITLE = 'Quy chế phối hợp liên ngành trong công tác thi hành án dân sự trên địa bàn tỉnh Phú Thọ';

/** Articles the demo action items cite. */
export const DEMO_ARTICLE_IDS = {
  courtExplainsJudgment: 'demo-a08',
  policeProtectCoercion: 'demo-a11',
  procuracySupervisesCoercion: 'demo-a12',
} as const;

/** A clause: its text, or its lead-in and points. */
type ClauseSpec = string | [lead: string, points: string[]];
interface ArticleSpec { title: string; intro?: string[]; clauses?: ClauseSpec[] }
interface ChapterSpec { title: string; articles: ArticleSpec[] }

/** Text with references written as [[a10-k2]], the id (without "demo-") of the target. */
function inline(text: string): LegalNodeJSON[] {
  return text.split(/\[\[([\w-]+)\]\]/).flatMap((part, i): LegalNodeJSON[] => {
    if (i % 2 === 1) return [{ type: 'reference', attrs: { target: `demo-${part}` } }];
    return part ? [{ type: 'text', text: part }] : [];
  });
}

const paragraph = (text: string): LegalNodeJSON => ({ type: 'paragraph', content: inline(text) });
const heading = (text: string): LegalNodeJSON => ({ type: 'heading', content: inline(text) });
const LETTERS = 'a b c d đ e g h i k l m n o p q r s t u v x y'.split(' ');

function build(chapters: ChapterSpec[]): LegalNodeJSON[] {
  let articleNo = 0;
  return chapters.map((chapter, c) => ({
    type: 'chapter',
    attrs: { id: `demo-c${c + 1}` },
    content: [heading(chapter.title), ...chapter.articles.map((article): LegalNodeJSON => {
      const a = `demo-a${String(++articleNo).padStart(2, '0')}`;
      return {
        type: 'article',
        attrs: { id: a },
        content: [
          heading(article.title),
          ...(article.intro ?? []).map(paragraph),
          ...(article.clauses ?? []).map((clause, k): LegalNodeJSON => {
            const [lead, points] = typeof clause === 'string' ? [clause, []] : clause;
            const id = `${a}-k${k + 1}`;
            return {
              type: 'clause',
              attrs: { id },
              content: [paragraph(lead), ...points.map((point, p): LegalNodeJSON => ({
                type: 'point', attrs: { id: `${id}-${LETTERS[p]}` }, content: [paragraph(point)],
              }))],
            };
          }),
        ],
      };
    })],
  }));
}

const CHAPTERS: ChapterSpec[] = [
  {
    title: 'NHỮNG QUY ĐỊNH CHUNG',
    articles: [
      {
        title: 'Phạm vi điều chỉnh',
        intro: ['Quy chế này quy định nguyên tắc, hình thức, nội dung và trách nhiệm phối hợp giữa Thi hành án dân sự tỉnh Phú Thọ, Tòa án nhân dân tỉnh Phú Thọ, Viện kiểm sát nhân dân tỉnh Phú Thọ và Công an tỉnh Phú Thọ trong công tác thi hành án dân sự trên địa bàn tỉnh.'],
      },
      {
        title: 'Đối tượng áp dụng',
        clauses: [
          'Thi hành án dân sự tỉnh Phú Thọ và các Phòng Thi hành án dân sự khu vực trực thuộc (sau đây gọi chung là cơ quan thi hành án dân sự).',
          'Tòa án nhân dân tỉnh Phú Thọ và Tòa án nhân dân khu vực trên địa bàn tỉnh (sau đây gọi chung là Tòa án).',
          'Viện kiểm sát nhân dân tỉnh Phú Thọ và Viện kiểm sát nhân dân khu vực trên địa bàn tỉnh (sau đây gọi chung là Viện kiểm sát).',
          'Công an tỉnh Phú Thọ, Công an xã, phường, các trại giam, trại tạm giam trên địa bàn tỉnh (sau đây gọi chung là cơ quan Công an).',
        ],
      },
      {
        title: 'Mục đích phối hợp',
        clauses: [
          'Nâng cao hiệu quả công tác thi hành án dân sự, bảo đảm các bản án, quyết định của Tòa án được thi hành nhanh chóng, đúng pháp luật.',
          'Kịp thời tháo gỡ khó khăn, vướng mắc trong tổ chức thi hành các vụ việc phức tạp, kéo dài; hạn chế phát sinh khiếu nại, tố cáo và "điểm nóng" về an ninh, trật tự.',
          'Thống nhất số liệu thống kê liên ngành về thi hành án dân sự giữa các cơ quan.',
        ],
      },
      {
        title: 'Nguyên tắc phối hợp',
        clauses: [
          'Tuân thủ quy định của pháp luật; bảo đảm sự lãnh đạo của cấp ủy, sự chỉ đạo của Ủy ban nhân dân tỉnh và Ban Chỉ đạo thi hành án dân sự tỉnh.',
          'Mỗi cơ quan thực hiện đúng chức năng, nhiệm vụ, quyền hạn của mình, không làm ảnh hưởng đến hoạt động chuyên môn của cơ quan khác.',
          'Việc phối hợp được tiến hành thường xuyên, kịp thời, chặt chẽ; thông tin trao đổi được bảo mật theo quy định của pháp luật.',
        ],
      },
      {
        title: 'Hình thức phối hợp',
        intro: ['Việc phối hợp được thực hiện bằng một hoặc các hình thức sau:'],
        clauses: [
          'Trao đổi thông tin, tài liệu bằng văn bản hoặc qua hệ thống điện tử của các cơ quan.',
          'Tổ chức họp liên ngành theo quy định tại [[a16]].',
          'Thành lập tổ công tác liên ngành để giải quyết vụ việc cụ thể.',
          'Sơ kết, tổng kết việc thực hiện Quy chế.',
        ],
      },
    ],
  },
  {
    title: 'NỘI DUNG PHỐI HỢP',
    articles: [
      {
        title: 'Phối hợp trong việc chuyển giao bản án, quyết định và vật chứng',
        clauses: [
          ['Tòa án chuyển giao bản án, quyết định cho cơ quan thi hành án dân sự theo đúng thời hạn luật định, cụ thể:', [
            'Bản án, quyết định được thi hành ngay: trong thời hạn 24 giờ kể từ khi ra bản án, quyết định;',
            'Bản án, quyết định sơ thẩm, phúc thẩm đã có hiệu lực pháp luật: trong thời hạn 30 ngày kể từ ngày có hiệu lực;',
            'Bản án, quyết định có tuyên tịch thu, kê biên tài sản hoặc vật chứng: gửi kèm biên bản, danh mục vật chứng, tài sản tạm giữ.',
          ]],
          'Cơ quan Công an chuyển giao vật chứng, tài sản tạm giữ cho cơ quan thi hành án dân sự theo quyết định của Tòa án; việc giao nhận được lập biên bản có chữ ký của các bên.',
          'Khi phát hiện bản án, quyết định có sai sót về chính tả, số liệu hoặc tuyên không rõ, cơ quan thi hành án dân sự thực hiện theo [[a08]].',
        ],
      },
      {
        title: 'Phối hợp trong việc thu, nộp tiền thi hành án',
        clauses: [
          'Trại giam, trại tạm giam, cơ quan thi hành án hình sự Công an tỉnh thu tiền, tài sản của người phải thi hành án đang chấp hành án phạt tù và chuyển cho cơ quan thi hành án dân sự theo quy định.',
          'Cơ quan thi hành án dân sự thông báo kịp thời cho trại giam, trại tạm giam về khoản phải thi hành, số tiền đã nộp để làm căn cứ xét giảm thời hạn chấp hành án phạt tù, đặc xá.',
        ],
      },
      {
        title: 'Phối hợp trong việc giải thích, sửa chữa, bổ sung bản án, quyết định',
        clauses: [
          'Cơ quan thi hành án dân sự có văn bản yêu cầu Tòa án đã ra bản án, quyết định giải thích những điểm chưa rõ hoặc không thể thi hành, đính chính những sai sót trong bản án, quyết định.',
          ['Trong thời hạn 15 ngày kể từ ngày nhận được văn bản yêu cầu, Tòa án có trách nhiệm trả lời bằng văn bản. Văn bản trả lời phải:', [
            'Giải thích rõ nội dung bản án, quyết định được yêu cầu;',
            'Nêu rõ việc đính chính, sửa chữa, bổ sung nếu có sai sót;',
            'Gửi đồng thời cho Viện kiểm sát cùng cấp.',
          ]],
          'Trường hợp quá thời hạn quy định tại [[a08-k2]] mà Tòa án chưa trả lời, cơ quan thi hành án dân sự báo cáo để đưa vụ việc ra họp liên ngành.',
        ],
      },
      {
        title: 'Phối hợp trong việc xác minh điều kiện thi hành án',
        clauses: [
          'Cơ quan Công an cung cấp thông tin về nơi cư trú, phương tiện giao thông, tài sản của người phải thi hành án khi có yêu cầu của Chấp hành viên trong thời hạn 05 ngày làm việc.',
          'Viện kiểm sát kiểm sát việc xác minh và việc ra quyết định về việc chưa có điều kiện thi hành án.',
        ],
      },
      {
        title: 'Phối hợp trong việc tổ chức cưỡng chế thi hành án',
        clauses: [
          'Đối với vụ việc cưỡng chế phức tạp, có huy động lực lượng, cơ quan thi hành án dân sự chủ trì xây dựng kế hoạch cưỡng chế và lấy ý kiến của Viện kiểm sát, cơ quan Công an.',
          ['Kế hoạch cưỡng chế được gửi cho Viện kiểm sát và cơ quan Công an chậm nhất 07 ngày làm việc trước ngày cưỡng chế, gồm:', [
            'Người bị cưỡng chế, biện pháp cưỡng chế, thời gian, địa điểm cưỡng chế;',
            'Phương án tiến hành cưỡng chế và lực lượng tham gia;',
            'Dự trù chi phí cưỡng chế.',
          ]],
        ],
      },
      {
        title: 'Phối hợp trong việc bảo vệ cưỡng chế thi hành án',
        clauses: [
          'Trên cơ sở kế hoạch cưỡng chế quy định tại [[a10-k2]], cơ quan Công an có trách nhiệm xây dựng phương án bảo vệ và bố trí lực lượng bảo vệ cưỡng chế.',
          ['Lực lượng Công an tham gia bảo vệ cưỡng chế có nhiệm vụ:', [
            'Bảo đảm an ninh, trật tự tại nơi cưỡng chế;',
            'Ngăn chặn, xử lý kịp thời hành vi chống đối, cản trở việc cưỡng chế;',
            'Hỗ trợ bảo quản tài sản kê biên khi được yêu cầu.',
          ]],
          'Trường hợp có nguy cơ mất an ninh, trật tự, cơ quan Công an đề nghị hoãn buổi cưỡng chế bằng văn bản nêu rõ lý do.',
        ],
      },
      {
        title: 'Phối hợp trong việc kiểm sát cưỡng chế thi hành án',
        clauses: [
          'Viện kiểm sát cử Kiểm sát viên tham gia và kiểm sát việc cưỡng chế thi hành án đối với các vụ việc có kế hoạch cưỡng chế quy định tại [[a10-k1]].',
          'Kiểm sát viên kiểm sát việc tuân theo pháp luật trong suốt quá trình cưỡng chế; khi phát hiện vi phạm thì yêu cầu khắc phục ngay hoặc kiến nghị theo quy định.',
        ],
      },
      {
        title: 'Phối hợp trong việc giải quyết khiếu nại, tố cáo về thi hành án',
        clauses: [
          'Cơ quan thi hành án dân sự giải quyết khiếu nại, tố cáo thuộc thẩm quyền và thông báo kết quả cho Viện kiểm sát cùng cấp.',
          'Khi khiếu nại liên quan đến nội dung bản án, quyết định, cơ quan thi hành án dân sự chuyển cho Tòa án xem xét theo thẩm quyền.',
        ],
      },
      {
        title: 'Phối hợp trong kiểm sát thi hành án dân sự',
        clauses: [
          'Cơ quan thi hành án dân sự gửi quyết định về thi hành án cho Viện kiểm sát cùng cấp theo quy định của pháp luật.',
          'Viện kiểm sát thực hiện kiểm sát trực tiếp định kỳ, đột xuất; kết luận, kiến nghị, kháng nghị được gửi cho cơ quan thi hành án dân sự để thực hiện.',
        ],
      },
      {
        title: 'Chế độ thông tin, báo cáo và thống kê liên ngành',
        clauses: [
          'Định kỳ 06 tháng và hằng năm, các cơ quan đối chiếu số liệu thống kê thi hành án dân sự trước khi báo cáo cấp trên; năm thống kê tính từ ngày 01 tháng 10 năm trước đến ngày 30 tháng 9 năm sau.',
          'Cơ quan thi hành án dân sự là đầu mối tổng hợp số liệu thống kê liên ngành.',
        ],
      },
      {
        title: 'Họp liên ngành',
        clauses: [
          'Người đứng đầu các cơ quan họp liên ngành ít nhất mỗi năm một lần để đánh giá việc thực hiện Quy chế.',
          ['Họp liên ngành đột xuất để xem xét, chỉ đạo giải quyết các vụ việc:', [
            'Có giá trị lớn, liên quan đến tổ chức tín dụng hoặc thu hồi tài sản trong các vụ án tham nhũng, kinh tế;',
            'Kéo dài trên 03 năm chưa thi hành xong;',
            'Bản án, quyết định tuyên không rõ quy định tại [[a08-k3]];',
            'Có tài sản kê biên bị tranh chấp hoặc có nguy cơ phát sinh "điểm nóng".',
          ]],
          'Thi hành án dân sự tỉnh chủ trì, chuẩn bị nội dung và thông báo kết luận cuộc họp liên ngành.',
        ],
      },
    ],
  },
  {
    title: 'TRÁCH NHIỆM VÀ ĐIỀU KHOẢN THI HÀNH',
    articles: [
      {
        title: 'Trách nhiệm thực hiện',
        clauses: [
          'Thủ trưởng các cơ quan ký kết Quy chế có trách nhiệm quán triệt, chỉ đạo các đơn vị trực thuộc thực hiện Quy chế này.',
          'Thi hành án dân sự tỉnh là cơ quan thường trực, theo dõi, đôn đốc việc thực hiện Quy chế.',
        ],
      },
      {
        title: 'Sơ kết, tổng kết',
        intro: ['Hằng năm các cơ quan sơ kết việc thực hiện Quy chế; sau 05 năm tổ chức tổng kết.'],
      },
      {
        title: 'Hiệu lực thi hành',
        clauses: [
          'Quy chế này có hiệu lực kể từ ngày ký.',
          'Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan kịp thời trao đổi để sửa đổi, bổ sung Quy chế cho phù hợp.',
        ],
      },
    ],
  },
];

/** The demo agreement as ProseMirror JSON of the legal schema. */
export function demoAgreementJSON(): LegalNodeJSON {
  return {
    type: 'doc',
    content: [
      { type: 'title', content: inline(DEMO_AGREEMENT_TITLE) },
      {
        type: 'preamble',
        content: [
          'Căn cứ Luật Thi hành án dân sự năm 2008, được sửa đổi, bổ sung năm 2014;',
          'Căn cứ Luật Tổ chức Tòa án nhân dân, Luật Tổ chức Viện kiểm sát nhân dân và Luật Công an nhân dân;',
          'Thi hành án dân sự tỉnh Phú Thọ, Tòa án nhân dân tỉnh Phú Thọ, Viện kiểm sát nhân dân tỉnh Phú Thọ và Công an tỉnh Phú Thọ thống nhất ban hành Quy chế phối hợp liên ngành như sau:',
        ].map(paragraph),
      },
      ...build(CHAPTERS),
    ],
  };
}

/** A new agreement to seed: its title and one empty article. */
export function blankAgreementJSON(title: string): LegalNodeJSON {
  return {
    type: 'doc',
    content: [
      { type: 'title', content: inline(title) },
      { type: 'article', attrs: { id: 'first-article' }, content: [heading('')] },
    ],
  };
}
