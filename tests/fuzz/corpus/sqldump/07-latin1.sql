/*!40101 SET NAMES latin1 */;
INSERT INTO t VALUES ('café');
