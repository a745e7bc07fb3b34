INSERT INTO t VALUES ('a\0b\'c\"d\be\nf\rg\th\Zi\\\j\%k\_l''m'),("dq \"x\" ""z"""),(''),(_binary 'x\0');
