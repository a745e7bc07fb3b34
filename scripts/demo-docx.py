#!/usr/bin/env python3
"""Writes the demo's Word files (demo/files/*.docx): a draft's full text, its
explanatory note, the summary report of a closed consultation and a meeting
invitation, each a minimal but complete Office Open XML document in
Vietnamese. Run once when the texts change; the outputs are committed."""
import os
import sys
import zipfile
from xml.sax.saxutils import escape

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "demo", "files")

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""


def document(paragraphs):
    body = []
    for p in paragraphs:
        bold = p.startswith("**")
        text = p.strip("*")
        rpr = '<w:rPr><w:b/></w:rPr>' if bold else ""
        jc = '<w:pPr><w:jc w:val="center"/></w:pPr>' if bold else ""
        body.append('<w:p>%s<w:r>%s<w:t xml:space="preserve">%s</w:t></w:r></w:p>' % (jc, rpr, escape(text)))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            + "".join(body) + '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>')


FILES = {
    "du-thao-ke-hoach-ktxh-2027.docx": [
        "**ỦY BAN NHÂN DÂN XÃ HÒA LẠC SƠN**",
        "**DỰ THẢO KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM 2027**",
        "Phần I. Đánh giá tình hình thực hiện kế hoạch năm 2026",
        "Tổng giá trị sản xuất ước đạt 412 tỷ đồng; thu nhập bình quân đầu người 58,6 triệu đồng; tỷ lệ hộ nghèo còn 3,1%.",
        "Phần II. Mục tiêu, chỉ tiêu năm 2027",
        "Điều 1. Tốc độ tăng giá trị sản xuất 8,5%.",
        "Điều 2. Trồng mới 60 ha quế và chè theo tiêu chuẩn VietGAP.",
        "Điều 3. 100% thôn có nhà văn hóa đạt chuẩn.",
        "Điều 4. Giảm tỷ lệ hộ nghèo xuống dưới 2,5%.",
        "Phần III. Nhiệm vụ, giải pháp",
        "Điều 5. Bê tông hóa 6,2 km đường liên thôn Khe Tâm - Đồng Tâm.",
        "Điều 6. Nâng cấp hồ Đập Làng, bảo đảm nước tưới cho 85 ha lúa hai vụ.",
        "Điều 7. Xây dựng chợ nông sản tại trung tâm xã.",
        "Điều 8. Chuyển đổi số trong giải quyết thủ tục hành chính.",
        "Điều 9. Bảo đảm quốc phòng, an ninh, trật tự an toàn xã hội.",
        "Phần IV. Tổ chức thực hiện",
        "Điều 10. Các công chức chuyên môn, trưởng thôn có trách nhiệm triển khai Kế hoạch này.",
    ],
    "to-trinh-ke-hoach-ktxh-2027.docx": [
        "**TỜ TRÌNH**",
        "**Về dự thảo Kế hoạch phát triển kinh tế - xã hội năm 2027**",
        "Kính gửi: Hội đồng nhân dân xã Hòa Lạc Sơn.",
        "Căn cứ Luật Tổ chức chính quyền địa phương; căn cứ hướng dẫn của UBND tỉnh Đông Hải về xây dựng kế hoạch năm 2027,",
        "UBND xã trình HĐND xã dự thảo Kế hoạch với các chỉ tiêu chủ yếu nêu tại Phần II, sau khi lấy ý kiến nhân dân trên Cổng thông tin điện tử và tại hội nghị các thôn.",
    ],
    "bao-cao-tong-hop-quy-che-nha-van-hoa.docx": [
        "**BÁO CÁO**",
        "**Tổng hợp, tiếp thu, giải trình ý kiến góp ý dự thảo Quy chế quản lý, sử dụng nhà văn hóa thôn**",
        "1. Số ý kiến nhận được: 27 (9 trên Cổng thông tin điện tử, 15 tại hội nghị các thôn, 3 văn bản của các đoàn thể).",
        "2. Ý kiến tiếp thu: Điều 8 (mở cửa miễn phí cho chi hội, câu lạc bộ), Điều 12 (mức đóng góp do hội nghị thôn quyết định), Điều 13 (công khai thu, chi mỗi quý).",
        "3. Ý kiến giải trình, chưa tiếp thu: giao nhà văn hóa cho cá nhân kinh doanh dịch vụ.",
    ],
    "giay-moi-hop-giao-ban.docx": [
        "**GIẤY MỜI**",
        "**Giao ban Thường trực Đảng ủy, HĐND, UBND xã đầu tuần**",
        "Thành phần: Thường trực Đảng ủy, Thường trực HĐND xã, Chủ tịch, các Phó Chủ tịch UBND xã, các công chức chuyên môn.",
        "Nội dung: đánh giá công việc tuần qua, triển khai nhiệm vụ tuần tới.",
        "Địa điểm: Phòng họp UBND xã. Đề nghị các đồng chí dự họp đầy đủ, đúng giờ.",
    ],
}


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, paras in FILES.items():
        path = os.path.join(OUT, name)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for arc, text in (("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS),
                              ("word/document.xml", document(paras))):
                info = zipfile.ZipInfo(arc, date_time=(2026, 11, 1, 8, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, text)
        print(path, os.path.getsize(path), file=sys.stderr)


main()
