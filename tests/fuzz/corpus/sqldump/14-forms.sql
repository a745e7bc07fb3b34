/*M!999999\- enable the sandbox mode */
INSERT IGNORE INTO `db`.`t` (`a`) VALUES (1) ON DUPLICATE KEY UPDATE a=1;
REPLACE INTO t VALUES (2);
