/* audit.c — the names of the audit log's actions as people read them.
 *
 * The log stores a stable English code per action ("article-publish");
 * this table is the one place that turns a code into Vietnamese for the
 * dashboard, the audit log page and its export. Every code written by
 * admin_audit() or store_audit_add() must have a row here: the test
 * tests/integration/test_labels.py reads the sources to hold that. */
#include <string.h>

#include "admin/adminInt.h"

static const struct {
	const char *code, *label;
} actions[] = {
	{"login", "Đăng nhập"},
	{"login-failed", "Đăng nhập sai"},
	{"logout", "Đăng xuất"},
	{"article-save", "Lưu nháp"},
	{"article-submit", "Gửi duyệt"},
	{"article-update", "Cập nhật bài"},
	{"article-publish", "Xuất bản"},
	{"article-schedule", "Hẹn giờ đăng"},
	{"article-unpublish", "Gỡ bài"},
	{"article-return", "Trả lại bài"},
	{"article-restore", "Khôi phục phiên bản"},
	{"article-delete", "Xóa bài"},
	{"article-auto-publish", "Tự động đăng theo lịch"},
	{"media-upload", "Tải ảnh lên"},
	{"media-update", "Sửa thông tin ảnh"},
	{"media-delete", "Xóa ảnh"},
	{"calendar-add", "Thêm lịch công tác"},
	{"calendar-update", "Sửa lịch công tác"},
	{"calendar-attach", "Đính kèm tệp vào lịch công tác"},
	{"calendar-detach", "Gỡ tệp khỏi lịch công tác"},
	{"calendar-delete", "Xóa lịch công tác"},
	{"calendar-copy", "Sao chép lịch tuần trước"},
	{"category-add", "Thêm chuyên mục"},
	{"category-update", "Sửa chuyên mục"},
	{"category-delete", "Xóa chuyên mục"},
	{"link-add", "Thêm website liên kết"},
	{"link-update", "Sửa website liên kết"},
	{"link-delete", "Xóa website liên kết"},
	{"menu-add", "Thêm mục trình đơn"},
	{"menu-update", "Sửa mục trình đơn"},
	{"menu-delete", "Xóa mục trình đơn"},
	{"menu-move", "Đổi thứ tự trình đơn"},
	{"settings-update", "Sửa thiết lập trang"},
	{"mail-settings", "Sửa thiết lập thư thông báo"},
	{"mail-test", "Gửi thư thử"},
	{"mail-users", "Sửa địa chỉ thư của người dùng"},
	{"mail-retry", "Gửi lại thư"},
	{"user-add", "Thêm người dùng"},
	{"user-password", "Đặt lại mật khẩu"},
	{"user-role", "Đổi vai trò"},
	{"own-password", "Tự đổi mật khẩu"},
	{"user-disable", "Khóa tài khoản"},
	{"user-enable", "Mở khóa tài khoản"},
	{"feedback-answer", "Trả lời ý kiến"},
	{"feedback-publish", "Đăng hỏi đáp"},
	{"feedback-unpublish", "Gỡ hỏi đáp"},
	{"feedback-decline", "Không đăng ý kiến"},
	{"feedback-spam", "Đánh dấu thư rác"},
	{"feedback-restore", "Khôi phục từ thư rác"},
	{"feedback-export", "Xuất danh sách ý kiến"},
	{"page-add", "Thêm trang giới thiệu"},
	{"page-update", "Sửa trang giới thiệu"},
	{"page-restore", "Khôi phục phiên bản trang"},
	{"page-delete", "Xóa trang giới thiệu"},
	{"org-unit-add", "Thêm đơn vị"},
	{"org-unit-update", "Sửa đơn vị"},
	{"org-unit-delete", "Xóa đơn vị"},
	{"official-add", "Thêm cán bộ"},
	{"official-update", "Sửa thông tin cán bộ"},
	{"official-delete", "Xóa cán bộ"},
	{"consult-create", "Tạo dự thảo lấy ý kiến"},
	{"draft-attach", "Đính kèm tệp vào dự thảo"},
	{"article-attach", "Đính kèm tệp vào bài viết"},
	{"article-detach", "Gỡ tệp khỏi bài viết"},
	{"draft-detach", "Gỡ tệp khỏi dự thảo"},
	{"consult-update", "Sửa dự thảo lấy ý kiến"},
	{"consult-delete", "Xóa dự thảo lấy ý kiến"},
	{"consult-comment-publish", "Đăng góp ý dự thảo"},
	{"consult-comment-unpublish", "Gỡ góp ý dự thảo"},
	{"consult-comment-decline", "Không đăng góp ý dự thảo"},
	{"consult-comment-spam", "Đánh dấu góp ý là thư rác"},
	{"consult-comment-restore", "Khôi phục góp ý từ thư rác"},
	{"document-create", "Thêm văn bản"},
	{"document-update", "Sửa văn bản"},
	{"document-delete", "Xóa văn bản"},
	{"document-file-add", "Đính kèm tệp vào văn bản"},
	{"document-file-remove", "Gỡ tệp khỏi văn bản"},
	{"document-term-add", "Thêm mục danh mục văn bản"},
	{"document-term-update", "Sửa mục danh mục văn bản"},
	{"document-term-delete", "Xóa mục danh mục văn bản"},
};

const char *admin_audit_label(const char *code)
{
	for (size_t i = 0; i < sizeof actions / sizeof actions[0]; i++)
		if (strcmp(actions[i].code, code) == 0)
			return actions[i].label;
	return "Thao tác khác";
}
