INSERT INTO t VALUES (�'Tin tá»©c');
